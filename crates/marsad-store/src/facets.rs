//! Facet counts of a search (by source, tag, entity and day), computed by
//! tantivy's aggregations over the fast (columnar) fields.
//!
//! Why not tantivy's `FacetCollector`: it turns every counted facet ordinal
//! back into its path with one dictionary lookup each, and each lookup
//! decompresses a dictionary block. A broad query over an index with
//! thousands of entities spent most of its time there (the load test's
//! profile). A terms aggregation keeps only each segment's top buckets and
//! resolves them in one ordered pass.

use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, AggregationResults, BucketEntries, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, Key};

use crate::index::Facets;

/// Values shown per facet (sources, tags, entities).
const TOP_VALUES: u32 = 20;

/// The collector that counts a search's facets, to run beside its top docs.
pub(crate) fn facet_aggregations() -> AggregationCollector {
    let terms = |field: &str| serde_json::json!({ "terms": { "field": field, "size": TOP_VALUES } });
    let request = serde_json::json!({
        "source": terms("source"),
        "tag": terms("tag"),
        "entity": terms("entity"),
        // Every day with at least one match: a timeline, not a top list.
        "day": { "date_histogram": { "field": "published", "fixed_interval": "1d", "min_doc_count": 1 } },
    });
    let aggs: Aggregations = serde_json::from_value(request).expect("the facet request is well-formed");
    AggregationCollector::from_aggs(aggs, AggContextParams::default())
}

/// The counts as `[value, count]` pairs: most frequent first, days in order.
pub(crate) fn read_facets(mut results: AggregationResults) -> Facets {
    let mut take = |name: &str| -> Vec<(String, u64)> {
        let Some(AggregationResult::BucketResult(buckets)) = results.0.remove(name) else {
            return Vec::new();
        };
        let entries = match buckets {
            BucketResult::Terms { buckets, .. } => buckets,
            BucketResult::Histogram { buckets: BucketEntries::Vec(buckets) } => buckets,
            BucketResult::Histogram { buckets: BucketEntries::HashMap(buckets) } => buckets.into_values().collect(),
            _ => return Vec::new(),
        };
        entries.into_iter().filter(|b| b.doc_count > 0).filter_map(|b| Some((key_text(&b.key)?, b.doc_count))).collect()
    };
    let source = take("source");
    let tag = take("tag");
    let entity = take("entity");
    let mut day = take("day");
    day.sort();
    Facets { source, tag, day, entity }
}

/// A terms bucket's value, or a day bucket's date (its key is the day's
/// first millisecond).
fn key_text(key: &Key) -> Option<String> {
    match key {
        Key::Str(s) => Some(s.clone()),
        Key::F64(ms) => day_of_millis(*ms as i64),
        Key::I64(ms) => day_of_millis(*ms),
        Key::U64(ms) => day_of_millis(i64::try_from(*ms).ok()?),
    }
}

fn day_of_millis(ms: i64) -> Option<String> {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.date_naive().to_string())
}
