//! Test certificates made at run time with rcgen (ECDSA P-256), so no key is checked in: a CA and a server
//! certificate for 127.0.0.1/localhost, an expired server certificate from the same CA, a separate client CA with a
//! client certificate, and an unrelated CA (to test a client that trusts the wrong one).

use std::io;
use std::path::Path;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};

use crate::ServerTls;

/// PEM text of every certificate and key the TLS tests need. Keys are unencrypted PKCS#8 (`PRIVATE KEY`).
#[derive(Clone)]
pub struct TestPki {
    /// The CA that signed both server certificates.
    pub ca_pem: String,
    /// For 127.0.0.1 and localhost, valid from 1975 to 4096.
    pub server_pem: String,
    pub server_key_pem: String,
    /// Same CA and names, but valid only during the year 2000.
    pub expired_server_pem: String,
    pub expired_server_key_pem: String,
    /// The CA a mutual-TLS server requires client certificates from.
    pub client_ca_pem: String,
    pub client_pem: String,
    pub client_key_pem: String,
    /// A CA that signed nothing here.
    pub other_ca_pem: String,
}

/// Key material is not printed, even in tests.
impl std::fmt::Debug for TestPki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestPki").finish_non_exhaustive()
    }
}

/// File names [`TestPki::write_to`] uses, in the order of [`TestPki`]'s fields.
pub const FILES: [&str; 9] = [
    "ca.pem",
    "server.pem",
    "server.key",
    "expired-server.pem",
    "expired-server.key",
    "client-ca.pem",
    "client.pem",
    "client.key",
    "other-ca.pem",
];

fn new_ca(name: &str) -> CertifiedIssuer<'static, KeyPair> {
    let mut params = CertificateParams::default();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    CertifiedIssuer::self_signed(params, KeyPair::generate().expect("P-256 key")).expect("self-signed CA")
}

/// A leaf certificate and its key, signed by `issuer`.
fn leaf(
    issuer: &CertifiedIssuer<'static, KeyPair>,
    name: &str,
    purpose: ExtendedKeyUsagePurpose,
    expired: bool,
) -> (String, String) {
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).expect("names");
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![purpose];
    params.use_authority_key_identifier_extension = true;
    if expired {
        params.not_before = rcgen::date_time_ymd(2000, 1, 1);
        params.not_after = rcgen::date_time_ymd(2001, 1, 1);
    }
    let key = KeyPair::generate().expect("P-256 key");
    let cert = params.signed_by(&key, issuer).expect("signed certificate");
    (cert.pem(), key.serialize_pem())
}

impl TestPki {
    /// New keys and certificates (a few milliseconds).
    pub fn generate() -> TestPki {
        let ca = new_ca("avroconv test CA");
        let client_ca = new_ca("avroconv test client CA");
        let other = new_ca("avroconv unrelated CA");
        let (server_pem, server_key_pem) = leaf(&ca, "avroconv test server", ExtendedKeyUsagePurpose::ServerAuth, false);
        let (expired_server_pem, expired_server_key_pem) =
            leaf(&ca, "avroconv expired server", ExtendedKeyUsagePurpose::ServerAuth, true);
        let (client_pem, client_key_pem) =
            leaf(&client_ca, "avroconv test client", ExtendedKeyUsagePurpose::ClientAuth, false);
        TestPki {
            ca_pem: ca.pem(),
            server_pem,
            server_key_pem,
            expired_server_pem,
            expired_server_key_pem,
            client_ca_pem: client_ca.pem(),
            client_pem,
            client_key_pem,
            other_ca_pem: other.pem(),
        }
    }

    /// The server side: the valid (or the expired) certificate; with `mutual`, client certificates from the
    /// client CA are required.
    pub fn server_tls(&self, mutual: bool, expired: bool) -> ServerTls {
        let (cert_pem, key_pem) = if expired {
            (self.expired_server_pem.clone(), self.expired_server_key_pem.clone())
        } else {
            (self.server_pem.clone(), self.server_key_pem.clone())
        };
        ServerTls { cert_pem, key_pem, client_ca_pem: mutual.then(|| self.client_ca_pem.clone()) }
    }

    /// Writes every PEM into `dir` under the names in [`FILES`] (created if missing).
    pub fn write_to(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let texts = [
            &self.ca_pem,
            &self.server_pem,
            &self.server_key_pem,
            &self.expired_server_pem,
            &self.expired_server_key_pem,
            &self.client_ca_pem,
            &self.client_pem,
            &self.client_key_pem,
            &self.other_ca_pem,
        ];
        for (name, text) in FILES.iter().zip(texts) {
            std::fs::write(dir.join(name), text)?;
        }
        Ok(())
    }
}
