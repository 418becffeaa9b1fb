//! Feeds: poll RSS 2.0 / Atom feeds (feed-rs), fetch each new item's page
//! with the polite fetcher, extract it and store its articles.
//!
//! A feed is fetched with the validators of its last poll, so an unchanged
//! feed costs one 304. An item is identified by its id (guid), or its link;
//! an item stored once is never fetched again, a failed one is retried on
//! the next polls up to [`marsad_store::feeds::ITEM_ATTEMPTS`] times.

use marsad_extract::{extract_document, Document};
use marsad_store::feeds::{Feed, ItemState, Poll};
use marsad_store::{FileArticles, Store, StoreError};
use serde::Serialize;

use crate::fetch::{FetchError, Fetched, Fetcher, Validators};

/// The most items read from one feed document.
const MAX_FEED_ITEMS: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("feed {feed}: {source}")]
    Fetch { feed: String, source: FetchError },
    #[error("feed {feed}: not an RSS or Atom feed: {reason}")]
    Parse { feed: String, reason: String },
    #[error("feed {feed}: item {item}: {reason}")]
    Item { feed: String, item: String, reason: String },
}

/// One poll of one feed.
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct PollSummary {
    pub feeds: usize,
    pub not_modified: usize,
    pub items_new: usize,
    pub items_stored: usize,
    pub articles_new: usize,
    pub articles_already_stored: usize,
    pub errors: usize,
}

impl PollSummary {
    pub fn add(&mut self, other: &PollSummary) {
        self.feeds += other.feeds;
        self.not_modified += other.not_modified;
        self.items_new += other.items_new;
        self.items_stored += other.items_stored;
        self.articles_new += other.articles_new;
        self.articles_already_stored += other.articles_already_stored;
        self.errors += other.errors;
    }
}

/// An item of a parsed feed: its identity and the page it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: String,
    pub link: Option<String>,
}

/// The items of an RSS or Atom document, in feed order. Links are resolved
/// against the feed's URL.
pub fn parse_feed(bytes: &[u8], feed_url: &str) -> Result<(Option<String>, Vec<Item>), String> {
    let feed =
        feed_rs::parser::Builder::new().base_uri(Some(feed_url)).build().parse(bytes).map_err(|e| e.to_string())?;
    let base = url::Url::parse(feed_url).ok();
    let title = feed.title.map(|t| t.content.trim().to_owned()).filter(|t| !t.is_empty());
    let items = feed
        .entries
        .into_iter()
        .take(MAX_FEED_ITEMS)
        .map(|entry| {
            // RSS items link with <link>; Atom entries may carry several
            // links, of which rel="alternate" (or no rel) is the page.
            let href = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.trim().to_owned());
            let link = href.and_then(|h| match &base {
                Some(base) => base.join(&h).ok().map(|u| u.to_string()),
                None => Some(h),
            });
            let key = if entry.id.trim().is_empty() { link.clone().unwrap_or_default() } else { entry.id };
            Item { key, link }
        })
        .filter(|item| !item.key.is_empty())
        .collect();
    Ok((title, items))
}

/// Polls one feed: reports each problem through `on_error` and goes on.
pub fn poll_feed(
    store: &mut Store,
    fetcher: &Fetcher,
    feed: &Feed,
    on_error: &dyn Fn(&FeedError),
) -> Result<PollSummary, StoreError> {
    let mut summary = PollSummary { feeds: 1, ..PollSummary::default() };
    let validators = Validators { etag: feed.etag.clone(), last_modified: feed.last_modified.clone() };
    let fail = |store: &mut Store, summary: &mut PollSummary, error: FeedError| -> Result<(), StoreError> {
        summary.errors += 1;
        store.record_feed_poll(feed.id, &Poll::Failed(&error.to_string()))?;
        on_error(&error);
        Ok(())
    };
    let page = match fetcher.get(&feed.url, &validators, feed.allow_private) {
        Ok(Fetched::NotModified) => {
            summary.not_modified += 1;
            store.record_feed_poll(feed.id, &fetched(&validators, None))?;
            return Ok(summary);
        }
        Ok(Fetched::Page(page)) => page,
        Err(source) => {
            fail(store, &mut summary, FeedError::Fetch { feed: feed.url.clone(), source })?;
            return Ok(summary);
        }
    };
    let (title, items) = match parse_feed(&page.body, &page.url) {
        Ok(parsed) => parsed,
        Err(reason) => {
            fail(store, &mut summary, FeedError::Parse { feed: feed.url.clone(), reason })?;
            return Ok(summary);
        }
    };
    for item in items {
        if !ItemState::wanted(store.feed_item(feed.id, &item.key)?) {
            continue;
        }
        summary.items_new += 1;
        let outcome = fetch_item(store, fetcher, feed, &item);
        let error = match outcome {
            Ok(Ok((new, already))) => {
                summary.items_stored += 1;
                summary.articles_new += new;
                summary.articles_already_stored += already;
                None
            }
            Ok(Err(reason)) => {
                summary.errors += 1;
                let error = FeedError::Item { feed: feed.url.clone(), item: item.key.clone(), reason };
                on_error(&error);
                Some(error.to_string())
            }
            Err(store_error) => return Err(store_error),
        };
        store.record_feed_item(feed.id, &item.key, item.link.as_deref(), error.as_deref())?;
    }
    store.record_feed_poll(feed.id, &fetched(&page.validators, title.as_deref()))?;
    Ok(summary)
}

fn fetched<'a>(validators: &'a Validators, title: Option<&'a str>) -> Poll<'a> {
    Poll::Fetched { etag: validators.etag.as_deref(), last_modified: validators.last_modified.as_deref(), title }
}

/// Fetches, extracts and stores one item's page: the articles new and
/// already stored, or why the item failed.
fn fetch_item(
    store: &mut Store,
    fetcher: &Fetcher,
    feed: &Feed,
    item: &Item,
) -> Result<Result<(usize, usize), String>, StoreError> {
    let Some(link) = &item.link else {
        return Ok(Err("no link".into()));
    };
    let page = match fetcher.get(link, &Validators::default(), feed.allow_private) {
        Ok(Fetched::Page(page)) => page,
        Ok(Fetched::NotModified) => return Ok(Err("unexpected 304".into())),
        Err(e) => return Ok(Err(e.to_string())),
    };
    let doc = Document {
        bytes: &page.body,
        content_type: page.content_type.as_deref(),
        url: Some(&page.url),
        fetched_at: Some(page.fetched_at),
    };
    let extracted = match extract_document(&doc) {
        Ok(e) => e,
        Err(e) => return Ok(Err(format!("{}: {e}", page.url))),
    };
    let file = FileArticles {
        path: page.url.clone(),
        content_hash: blake3::hash(&page.body).to_hex().to_string(),
        encoding: extracted.encoding,
        articles: extracted.articles,
    };
    match store.store_files(std::slice::from_ref(&file))?.remove(0) {
        Ok(stored) => Ok(Ok((stored.new, stored.already_stored))),
        Err(e) => Ok(Err(format!("{}: not stored: {e}", page.url))),
    }
}
