//! TLS material (PEM): extra trusted CAs and a client certificate for mutual TLS.

use std::collections::HashMap;

use super::auth::Secret;
use super::error::ConfigError;

/// PEM material read at configuration time, so a bad path fails early naming its key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tls {
    /// Extra trusted CA certificates (PEM, one or more).
    pub ca_pem: Option<String>,
    /// Client certificate chain followed by its private key (PEM), for mutual TLS.
    pub identity_pem: Option<Secret>,
}

impl Tls {
    /// Reads Confluent's PEM keys (`schema.registry.ssl.truststore.*` / `keystore.*` with type PEM) and Python
    /// confluent-kafka's (`ssl.ca.location`, `ssl.certificate.location`, `ssl.key.location`).
    pub(crate) fn from_map(map: &HashMap<String, String>) -> Result<Tls, ConfigError> {
        let get = |k: &str| map.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        for key in ["schema.registry.ssl.truststore.type", "schema.registry.ssl.keystore.type"] {
            if let Some(t) = get(key) {
                if !t.eq_ignore_ascii_case("PEM") {
                    return Err(ConfigError::new(key, format!("{t:?}: only PEM is supported")));
                }
            }
        }
        if get("schema.registry.ssl.key.password").is_some() || get("ssl.key.password").is_some() {
            return Err(ConfigError::new("schema.registry.ssl.key.password", "encrypted private keys are not supported; give an unencrypted PEM key"));
        }
        let mut tls = Tls::default();
        if let Some(pem) = get("schema.registry.ssl.truststore.certificates") {
            tls.ca_pem = Some(pem.to_owned());
        }
        for key in ["schema.registry.ssl.truststore.location", "ssl.ca.location"] {
            if let Some(path) = get(key) {
                tls.ca_pem = Some(read(key, path)?);
            }
        }
        let mut identity = String::new();
        if let Some(path) = get("schema.registry.ssl.keystore.location") {
            identity = read("schema.registry.ssl.keystore.location", path)?;
        }
        if let Some(chain) = get("schema.registry.ssl.keystore.certificate.chain") {
            identity = chain.to_owned();
        }
        if let Some(path) = get("ssl.certificate.location") {
            identity = read("ssl.certificate.location", path)?;
        }
        let key = match (get("schema.registry.ssl.keystore.key"), get("ssl.key.location")) {
            (Some(k), _) => Some(k.to_owned()),
            (None, Some(path)) => Some(read("ssl.key.location", path)?),
            _ => None,
        };
        if let Some(k) = key {
            identity.push('\n');
            identity.push_str(&k);
        }
        if !identity.is_empty() {
            if !identity.contains("PRIVATE KEY-----") || !identity.contains("BEGIN CERTIFICATE") {
                return Err(ConfigError::new("schema.registry.ssl.keystore.location", "a client identity needs a PEM certificate and a PEM private key"));
            }
            tls.identity_pem = Some(Secret::new(identity));
        }
        if let Some(ca) = &tls.ca_pem {
            if !ca.contains("BEGIN CERTIFICATE") {
                return Err(ConfigError::new("schema.registry.ssl.truststore.location", "no PEM certificate found"));
            }
        }
        Ok(tls)
    }
}

fn read(key: &str, path: &str) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError::new(key, format!("cannot read {path:?}: {e}")))
}
