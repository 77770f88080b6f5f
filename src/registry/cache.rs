//! The client's caches (moka): bounded, lock-free on hits, single-flight on misses (`try_get_with` runs one load per
//! key and lets concurrent callers await it), and never holding a lock across I/O.

use std::sync::Arc;
use std::time::Duration;

use foldhash::fast::RandomState;
use moka::future::Cache as Moka;

use super::client::{RegisteredSchema, SubjectVersion, VersionedSchema};
use super::config::Config;
use super::error::RegistryError;

/// A moka cache hashing with foldhash: its keys hold whole schema texts, which std's SipHash took 6% of a first
/// serialize's instructions to hash (callgrind). Seeded per cache; the keys are the caller's own and the registry's.
pub(crate) type Cache<K, V> = Moka<K, V, RandomState>;

/// `(subject, schema text, normalize)`.
pub(crate) type TextKey = (Arc<str>, Arc<str>, bool);

pub(crate) struct Caches {
    /// id -> schema. Ids never change meaning, so entries don't expire; the count is bounded.
    pub by_id: Cache<u32, Arc<RegisteredSchema>>,
    /// (subject, text, normalize) -> id, from registrations.
    pub registered: Cache<TextKey, u32>,
    /// (subject, text, normalize, deleted) -> version, from lookups.
    pub lookups: Cache<(TextKey, bool), Arc<VersionedSchema>>,
    /// subject -> latest version, for `latest.cache.ttl.sec`.
    pub latest: Cache<Arc<str>, Arc<VersionedSchema>>,
    /// (subject, version) -> schema; numbered versions are immutable.
    pub versions: Cache<(Arc<str>, u32), Arc<VersionedSchema>>,
    /// id -> the (subject, version) pairs holding it; can grow when the schema is registered elsewhere, so it
    /// expires like the latest-version cache.
    pub id_versions: Cache<u32, Arc<[SubjectVersion]>>,
    /// Request -> not-found error, for a short time: a burst of records with an unknown id costs one request.
    pub missing: Cache<String, RegistryError>,
    /// The last answers of the two expiring caches above, without expiry: used instead of an error when the
    /// registry can't be reached (a converter made during an outage still reads and writes cached schemas).
    pub latest_last: Cache<Arc<str>, Arc<VersionedSchema>>,
    pub id_versions_last: Cache<u32, Arc<[SubjectVersion]>>,
}

/// A cache of at most `n` entries, each kept at most `ttl` when given.
fn bounded<K, V>(n: u64, ttl: Option<Duration>) -> Cache<K, V>
where
    K: std::hash::Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    let builder = Moka::builder().max_capacity(n);
    match ttl {
        Some(ttl) => builder.time_to_live(ttl).build_with_hasher(RandomState::default()),
        None => builder.build_with_hasher(RandomState::default()),
    }
}

impl Caches {
    pub(crate) fn new(config: &Config) -> Self {
        let n = config.max_schemas_per_subject.max(1);
        // `None` (latest.cache.ttl.sec = -1): no expiry. moka rejects a zero TTL; 1 ms is "don't cache" in effect.
        let ttl = config.latest_cache_ttl.map(|t| t.max(Duration::from_millis(1))).unwrap_or(Duration::from_secs(100 * 365 * 86_400));
        let missing_ttl = config.missing_cache_ttl.max(Duration::from_millis(1));
        Caches {
            by_id: bounded(n, None),
            registered: bounded(n, None),
            lookups: bounded(n, None),
            latest: bounded(n, Some(ttl)),
            versions: bounded(n, None),
            id_versions: bounded(n, Some(ttl)),
            latest_last: bounded(n, None),
            id_versions_last: bounded(n, None),
            missing: bounded(n, Some(missing_ttl)),
        }
    }

    /// Each cache's name and entry count once moka has applied its pending inserts and evictions (moka counts
    /// lazily): for diagnostics, e.g. the converter's `Native.stats`, never on a hot path.
    pub(crate) async fn entry_counts(&self) -> Vec<(&'static str, u64)> {
        macro_rules! counts {
            ($($cache:ident),*) => {{
                $(self.$cache.run_pending_tasks().await;)*
                vec![$((stringify!($cache), self.$cache.entry_count())),*]
            }};
        }
        counts!(by_id, registered, lookups, latest, versions, id_versions, missing)
    }
}
