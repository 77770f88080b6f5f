//! Fingerprints of a schema's Parsing Canonical Form, as Java's `SchemaNormalization.parsingFingerprint`.

use md5::{Digest, Md5};
use sha2::Sha256;

use super::model::Schema;

/// A fingerprint algorithm of the Avro specification.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fingerprint {
    /// CRC-64-AVRO (Rabin), 8 bytes, little-endian: the bytes of Java's `parsingFingerprint("CRC-64-AVRO")` and of
    /// the single-object encoding header.
    Rabin,
    /// MD5, 16 bytes.
    Md5,
    /// SHA-256, 32 bytes.
    Sha256,
}

impl Schema {
    /// The fingerprint of [`Schema::canonical_form`] with `algorithm`.
    pub fn fingerprint(&self, algorithm: Fingerprint) -> Vec<u8> {
        let form = self.canonical_form();
        match algorithm {
            Fingerprint::Rabin => rabin(form.as_bytes()).to_le_bytes().to_vec(),
            Fingerprint::Md5 => Md5::digest(form.as_bytes()).to_vec(),
            Fingerprint::Sha256 => Sha256::digest(form.as_bytes()).to_vec(),
        }
    }

    /// The CRC-64-AVRO fingerprint as a number: Java's `SchemaNormalization.parsingFingerprint64`, as unsigned.
    pub fn rabin_fingerprint(&self) -> u64 {
        rabin(self.canonical_form().as_bytes())
    }
}

/// CRC-64-AVRO of `data` (the specification's `fingerprint64`). Hand-written: a dozen lines, and the crc crates
/// do not carry this polynomial with Avro's initial value.
pub fn rabin(data: &[u8]) -> u64 {
    data.iter().fold(EMPTY, |fp, &b| (fp >> 8) ^ TABLE[((fp ^ u64::from(b)) & 0xff) as usize])
}

const EMPTY: u64 = 0xc15d_213a_a4d7_a795;

static TABLE: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let mut fp = i as u64;
        let mut j = 0;
        while j < 8 {
            fp = (fp >> 1) ^ (EMPTY & (fp & 1).wrapping_neg());
            j += 1;
        }
        table[i] = fp;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rabin_of_int_is_javas() {
        // Java: SchemaNormalization.parsingFingerprint("CRC-64-AVRO", "int") = 8f5c393f1ad57572
        assert_eq!(hex::encode(rabin(b"\"int\"").to_le_bytes()), "8f5c393f1ad57572");
    }
}
