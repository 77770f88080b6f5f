//! The blocking serializer and deserializer: the same state as the async ones; a warm call never touches the
//! runtime, a miss runs the registry calls on the caller's thread.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{AvroSchema, DeCore, Decoding, Resolved, SerCore};
use crate::registry::{blocking::Client, RegisteredSchema};
use crate::codec::{Decode, Encode};
use crate::{Error, Schema, Value};

/// Serializes values of one side (key or value) of records; see [`super::Serializer`] for the rules.
#[derive(Debug)]
pub struct Serializer {
    client: Client,
    core: SerCore,
}

impl Serializer {
    pub fn new(client: Client, is_key: bool) -> Serializer {
        let core = SerCore::new(client.as_async(), is_key);
        Serializer { client, core }
    }

    fn resolved(&self, topic: &str, schema: &Arc<AvroSchema>) -> Result<Resolved, Error> {
        match self.core.cached(topic, schema) {
            Some(hit) => Ok(hit),
            None => self.client.block_on(self.core.resolve(self.client.as_async(), topic, schema))?,
        }
    }

    /// The schema id records of `schema` get on `topic`, and the schema to write them with (the subject's latest
    /// under `use.latest.version`), decided as [`serialize`](Self::serialize) decides it (registering under
    /// `auto.register.schemas`), without writing anything. Cached like a serialization.
    pub fn schema_id(&self, topic: &str, schema: &Arc<AvroSchema>) -> Result<(u32, Arc<AvroSchema>), Error> {
        let r = self.resolved(topic, schema)?;
        Ok((r.id, r.schema(schema).clone()))
    }

    /// Appends the framed record to `out` (a caller-owned buffer, reusable across records).
    pub fn serialize_into<T: Serialize + ?Sized>(
        &self,
        topic: &str,
        schema: &Arc<AvroSchema>,
        value: &T,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        SerCore::write(&self.resolved(topic, schema)?, schema, value, out)
    }

    /// The framed record, or `None` for a `None` value (a tombstone: nothing is registered).
    pub fn serialize<T: Serialize + ?Sized>(
        &self,
        topic: &str,
        schema: &Arc<AvroSchema>,
        value: Option<&T>,
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(value) = value else { return Ok(None) };
        let mut out = schema.buffer();
        self.serialize_into(topic, schema, value, &mut out)?;
        Ok(Some(out))
    }

    pub fn serialize_value(
        &self,
        topic: &str,
        schema: &Arc<AvroSchema>,
        value: Option<&Value>,
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(value) = value else { return Ok(None) };
        SerCore::framed(&self.resolved(topic, schema)?, schema, |encoder, out| encoder.encode_value(value, out)).map(Some)
    }

    /// [`serialize`](Self::serialize) through the type's [`Encode`] (`#[derive(Encode)]`): the same bytes, faster.
    pub fn serialize_derived<T: Encode + ?Sized>(
        &self,
        topic: &str,
        schema: &Arc<AvroSchema>,
        value: Option<&T>,
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(value) = value else { return Ok(None) };
        SerCore::framed(&self.resolved(topic, schema)?, schema, |encoder, out| encoder.encode_derived(value, out)).map(Some)
    }
}

/// Deserializes framed records; see [`super::Deserializer`] for the rules.
#[derive(Debug)]
pub struct Deserializer {
    client: Client,
    core: DeCore,
    is_key: bool,
}

impl Deserializer {
    pub fn new(client: Client, is_key: bool) -> Deserializer {
        Deserializer { core: DeCore::new(client.as_async(), is_key, None), client, is_key }
    }

    pub fn with_reader_schema(client: Client, is_key: bool, reader: Schema) -> Deserializer {
        Deserializer { core: DeCore::new(client.as_async(), is_key, Some(reader)), client, is_key }
    }

    fn decoding(&self, id: u32) -> Result<Arc<Decoding>, Error> {
        match self.core.cached(id) {
            Some(d) => Ok(d),
            None => self.client.block_on(self.core.resolve(self.client.as_async(), id))?,
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>>(
        &self,
        payload: Option<&'de [u8]>,
        headers: Option<&[(&str, &[u8])]>,
    ) -> Result<Option<T>, Error> {
        self.deserialize_with(payload, headers, DeCore::decode)
    }

    /// [`deserialize`](Self::deserialize) for a `#[derive(Decode)]` type: the same results, faster (see
    /// [`Decode`]).
    pub fn deserialize_derived<'de, T: Decode<'de>>(
        &self,
        payload: Option<&'de [u8]>,
        headers: Option<&[(&str, &[u8])]>,
    ) -> Result<Option<T>, Error> {
        self.deserialize_with(payload, headers, DeCore::decode_derived)
    }

    fn deserialize_with<'de, T>(
        &self,
        payload: Option<&'de [u8]>,
        headers: Option<&[(&str, &[u8])]>,
        decode: impl Fn(&Decoding, &'de [u8]) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        let Some(payload) = payload else { return Ok(None) };
        let (id, body) = DeCore::id_of(payload, headers, self.is_key)?;
        if let Some(hit) = self.core.with_cached(id, |d| decode(d, body)) {
            return hit.map(Some);
        }
        decode(&*self.decoding(id)?, body).map(Some)
    }

    pub fn deserialize_value(
        &self,
        payload: Option<&[u8]>,
        headers: Option<&[(&str, &[u8])]>,
    ) -> Result<Option<(u32, Value)>, Error> {
        let Some(payload) = payload else { return Ok(None) };
        let (id, body) = DeCore::id_of(payload, headers, self.is_key)?;
        let value = match self.core.with_cached(id, |d| DeCore::decode_value(d, body)) {
            Some(hit) => hit?,
            None => DeCore::decode_value(&*self.decoding(id)?, body)?,
        };
        Ok(Some((id, value)))
    }

    pub fn writer_schema(&self, id: u32) -> Result<Arc<RegisteredSchema>, Error> {
        Ok(self.decoding(id)?.writer.clone())
    }

    /// See [`super::Deserializer::writer_version`].
    pub fn writer_version(&self, topic: &str, id: u32) -> Result<Option<u32>, Error> {
        let d = self.decoding(id)?;
        self.client.block_on(self.core.writer_version(self.client.as_async(), &d, topic, self.is_key))?
    }

    pub fn version_in(&self, subject: &str, id: u32) -> Result<Option<u32>, Error> {
        Ok(self.client.version_of_id(id, subject)?)
    }
}
