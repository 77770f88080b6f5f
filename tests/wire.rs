//! Wire-format edge cases: every malformed frame is a typed error that says what the bytes look like.

use avroconv::wire::{self, Hint, SchemaId, WireError};
use bytes::Bytes;
use proptest::prelude::*;

#[test]
fn round_trip_and_zero_copy() {
    let mut buf = b"keep".to_vec();
    wire::write_header(0x0102_0304, &mut buf);
    buf.extend_from_slice(&[7, 8, 9]);
    let frame = wire::parse(&buf[4..]).unwrap();
    assert_eq!(frame.id, SchemaId::Id(0x0102_0304));
    assert_eq!(frame.body, &[7, 8, 9]);
    assert_eq!(frame.body.as_ptr(), buf[9..].as_ptr(), "the body borrows the input");
    assert_eq!(&buf[4..9], &[0, 1, 2, 3, 4]);

    let shared = Bytes::from(buf[4..].to_vec());
    let (id, body) = wire::parse_bytes(&shared).unwrap();
    assert_eq!(id, SchemaId::Id(0x0102_0304));
    assert_eq!(body.as_ptr(), shared[5..].as_ptr(), "Bytes body is a slice of the input");
    // A header with an empty body is valid: a record with no fields encodes to nothing.
    assert_eq!(wire::parse(&wire::header(1)).unwrap().body, &[] as &[u8]);
}

#[test]
fn short_and_empty() {
    assert_eq!(wire::parse(&[]).unwrap_err(), WireError::Empty);
    for len in 1..5 {
        let data = vec![0u8; len];
        let e = wire::parse(&data).unwrap_err();
        assert!(matches!(e, WireError::TooShort { len: l, .. } if l == len), "{e:?}");
        assert!(e.to_string().contains("shorter than the 5-byte"), "{e}");
    }
    let e = wire::parse(&[0x41, 0x42]).unwrap_err();
    assert_eq!(e.to_string(), "payload of 2 bytes is shorter than the 5-byte Confluent header (bytes: 41 42)");
}

#[test]
fn wrong_magic_explains_itself() {
    let e = wire::parse(br#"{"id": 1, "name": "x", "more": "and more text"}"#).unwrap_err();
    assert!(matches!(e, WireError::BadMagic { magic: b'{', hint: Some(Hint::Json), .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.starts_with("unknown magic byte 0x7b (first bytes: 7b 22 69 64"), "{text}");
    assert!(text.contains("..."), "long input is elided: {text}");
    assert!(text.contains("JSON"), "{text}");
    assert!(matches!(wire::parse(b"[1,2]").unwrap_err(), WireError::BadMagic { hint: Some(Hint::Json), .. }));
    assert!(matches!(wire::parse(b"{}").unwrap_err(), WireError::BadMagic { hint: Some(Hint::Json), .. }));

    let mut glue = vec![3u8, 0];
    glue.extend_from_slice(&[0xAB; 16]);
    glue.extend_from_slice(&[2, 4]);
    let e = wire::parse(&glue).unwrap_err();
    assert!(matches!(e, WireError::BadMagic { magic: 3, hint: Some(Hint::Glue), .. }), "{e:?}");
    assert!(e.to_string().contains("AWS Glue"), "{e}");

    let e = wire::parse(&[0x42, 1, 2, 3, 4, 5]).unwrap_err();
    assert!(matches!(e, WireError::BadMagic { magic: 0x42, hint: None, .. }));
}

#[test]
fn apicurio_8_byte_global_id() {
    // Apicurio 2.x writes magic 0 and an 8-byte globalId. Global ids below 2^32 have a zero high half, i.e. a
    // 4-byte "id 0", which no Confluent or contentId registry hands out:
    let mut small = vec![0u8];
    small.extend_from_slice(&7u64.to_be_bytes());
    small.push(2);
    let e = wire::parse(&small).unwrap_err();
    assert_eq!(e, WireError::ApicurioGlobalId { global_id: 7 });
    assert!(e.to_string().contains("Apicurio 2.x"), "{e}");
    // id 0 with a short body stays a plain (unknown) id 0 for the registry to reject.
    assert_eq!(wire::parse(&[0, 0, 0, 0, 0, 1]).unwrap().id, SchemaId::Id(0));
}

#[test]
fn guid_forms_and_headers() {
    let guid = [0x12u8; 16];
    let mut payload = wire::guid_header_value(&guid).to_vec();
    payload.extend_from_slice(&[1, 2]);
    let f = wire::parse(&payload).unwrap();
    assert_eq!((f.id, f.body), (SchemaId::Guid(guid), &[1u8, 2][..]));
    assert_eq!(SchemaId::Guid(guid).to_string(), "12121212-1212-1212-1212-121212121212");
    let e = wire::parse(&payload[..10]).unwrap_err();
    assert!(matches!(e, WireError::Truncated { needed: 17, available: 10, .. }), "{e:?}");

    // Header-carried ids (Confluent 8): the payload is the bare body.
    let header = wire::guid_header_value(&guid);
    let body = [9u8, 9, 9];
    let headers = [("other", &b"x"[..]), (wire::VALUE_SCHEMA_ID_HEADER, &header[..])];
    let f = wire::parse_with_headers(&body, headers, false).unwrap();
    assert_eq!((f.id, f.body), (SchemaId::Guid(guid), &body[..]));
    // The key side does not read the value's header: it falls back to the prefix.
    let framed = [0, 0, 0, 0, 5, 1];
    let f = wire::parse_with_headers(&framed, headers, true).unwrap();
    assert_eq!((f.id, f.body), (SchemaId::Id(5), &[1u8][..]));
    // A header holding `0 + id`.
    let id_header = wire::header(77);
    let f = wire::parse_with_headers(&body, [(wire::KEY_SCHEMA_ID_HEADER, &id_header[..])], true).unwrap();
    assert_eq!(f.id, SchemaId::Id(77));
    let e = wire::parse_with_headers(&body, [(wire::KEY_SCHEMA_ID_HEADER, &[1u8, 2, 3][..])], true).unwrap_err();
    assert!(matches!(e, WireError::BadHeader { name: "__key_schema_id", .. }), "{e:?}");
    let e = wire::parse_with_headers(&body, [(wire::KEY_SCHEMA_ID_HEADER, &[][..])], true).unwrap_err();
    assert!(matches!(e, WireError::BadHeader { .. }));
    // Apicurio 2.x header mode: a bare body with the id in `apicurio.value.globalId`.
    let bare = [0x02u8, 0x06, b'a', b'b', b'c'];
    let id8 = 5u64.to_be_bytes();
    let e = wire::parse_with_headers(&bare, [("apicurio.value.globalId", &id8[..])], false).unwrap_err();
    assert!(matches!(&e, WireError::ApicurioHeaders { header } if header == "apicurio.value.globalId"), "{e:?}");
    assert!(e.to_string().contains("headers.enabled=false"), "{e}");
    // Even when the bare body happens to start with a 0 byte, as a frame would.
    let e = wire::parse_with_headers(&framed, [("apicurio.key.contentId", &id8[..])], true).unwrap_err();
    assert!(matches!(e, WireError::ApicurioHeaders { .. }), "{e:?}");
    // The other side's Apicurio header does not matter.
    assert_eq!(wire::parse_with_headers(&framed, [("apicurio.value.globalId", &id8[..])], true).unwrap().id, SchemaId::Id(5));
}

#[test]
fn errors_convert_into_the_crate_error() {
    let e: avroconv::Error = wire::parse(&[]).unwrap_err().into();
    assert!(matches!(e, avroconv::Error::Wire(WireError::Empty)));
    assert!(!e.is_retriable());
}

proptest! {
    /// Any input either parses to a body that is a suffix of the input or fails with a typed error; never panics.
    #[test]
    fn never_panics(data in proptest::collection::vec(any::<u8>(), 0..40)) {
        match wire::parse(&data) {
            Ok(f) => {
                prop_assert!(data.ends_with(f.body));
                prop_assert!(matches!(data[0], 0 | 1));
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn header_round_trips(id in 1u32.., body in proptest::collection::vec(any::<u8>(), 0..20)) {
        let mut buf = Vec::new();
        wire::write_header(id, &mut buf);
        buf.extend_from_slice(&body);
        let f = wire::parse(&buf).unwrap();
        prop_assert_eq!(f.id, SchemaId::Id(id));
        prop_assert_eq!(f.body, &body[..]);
    }
}
