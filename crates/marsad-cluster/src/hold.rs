//! What a window holds, by published day and by arrival.
//!
//! A window (duplicates: 7 days, stories: 3) is measured from the arriving
//! article's published day, not from the newest day seen: an archive
//! ingested out of date order must find the articles of its own days, and a
//! backfill that runs newest first must still forget what it left behind.
//!
//! Held items are grouped in day buckets. An article of day `d` *uses* the
//! buckets `d − W ..= d + W`. A bucket that none of the last `hold_arrivals`
//! arrivals used is forgotten with its items. A live crawl therefore holds
//! its window plus at most `hold_arrivals` articles of lag; a descending
//! backfill slides its window down with it; a random-order archive holds the
//! days its recent arrivals touched. Beyond `max_held` items, the oldest
//! items of the least recently used bucket go first, so memory is bounded
//! whatever the order.

use std::collections::{BTreeSet, VecDeque};

use rustc_hash::FxHashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct HoldParams {
    /// A day bucket that no arrival used for this many arrivals is
    /// forgotten. 2,000 is about one day of a large live crawl
    /// (SaudiNewsNet: ~1,600 a day), so a live crawl holds its window plus
    /// about one day.
    pub hold_arrivals: u64,
    /// Most articles one window holds. A live crawl of 2,000 articles a day
    /// holds about 18,000 in the duplicate window (its 8 days plus the lag).
    pub max_held: usize,
}

impl Default for HoldParams {
    fn default() -> Self {
        HoldParams { hold_arrivals: 2_000, max_held: 50_000 }
    }
}

struct Bucket<T> {
    last_used: u64,
    /// Oldest inserted first: the first to go when the cap binds.
    items: VecDeque<T>,
}

/// Items held by day, forgotten by arrival (see the module text).
pub struct DayBuckets<T> {
    window: i32,
    params: HoldParams,
    /// Arrivals so far; a bucket's `last_used` is the number of the last
    /// arrival that used it.
    arrivals: u64,
    buckets: FxHashMap<i32, Bucket<T>>,
    /// (last used, day) of every bucket: least recently used first.
    lru: BTreeSet<(u64, i32)>,
    len: usize,
}

impl<T> DayBuckets<T> {
    /// Buckets used `window` days either side of an arrival's day.
    pub fn new(window: i32, params: HoldParams) -> Self {
        DayBuckets {
            window: window.max(0),
            params,
            arrivals: 0,
            buckets: FxHashMap::default(),
            lru: BTreeSet::new(),
            len: 0,
        }
    }

    /// Items held.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `other` lies within the window of `day`.
    pub fn in_window(&self, day: i32, other: i32) -> bool {
        (i64::from(day) - i64::from(other)).abs() <= i64::from(self.window)
    }

    /// The days within the window of `day`, oldest first.
    pub fn window_days(&self, day: i32) -> std::ops::RangeInclusive<i32> {
        day.saturating_sub(self.window)..=day.saturating_add(self.window)
    }

    /// Items held of `day`.
    pub fn count(&self, day: i32) -> usize {
        self.buckets.get(&day).map_or(0, |b| b.items.len())
    }

    /// Items held of the days within the window of `day`.
    pub fn count_in_window(&self, day: i32) -> usize {
        self.window_days(day).map(|d| self.count(d)).sum()
    }

    /// An article of `day` arrives: it uses the buckets within the window of
    /// its day, and the buckets that none of the last `hold_arrivals`
    /// arrivals used are forgotten: their items are returned.
    #[must_use]
    pub fn arrive(&mut self, day: i32) -> Vec<T> {
        let mut forgotten = Vec::new();
        self.arrivals += 1;
        let now = self.arrivals;
        // Whichever is fewer: the window's days or the buckets held.
        let used: Vec<i32> = if self.buckets.len() <= 2 * self.window as usize + 1 {
            self.buckets.keys().copied().filter(|&d| self.in_window(day, d)).collect()
        } else {
            self.window_days(day).filter(|d| self.buckets.contains_key(d)).collect()
        };
        for d in used {
            if let Some(b) = self.buckets.get_mut(&d) {
                self.lru.remove(&(b.last_used, d));
                b.last_used = now;
                self.lru.insert((now, d));
            }
        }
        while let Some(&(last_used, d)) = self.lru.first() {
            if last_used + self.params.hold_arrivals > now {
                break;
            }
            self.lru.pop_first();
            if let Some(b) = self.buckets.remove(&d) {
                self.len -= b.items.len();
                forgotten.extend(b.items);
            }
        }
        forgotten
    }

    /// Holds `item` in the bucket of `day`. Beyond `max_held` items, the
    /// oldest items of the least recently used bucket are forgotten: they
    /// are returned.
    #[must_use]
    pub fn insert(&mut self, day: i32, item: T) -> Vec<T> {
        let mut forgotten = Vec::new();
        let now = self.arrivals;
        let bucket = self.buckets.entry(day).or_insert_with(|| {
            self.lru.insert((now, day));
            Bucket { last_used: now, items: VecDeque::new() }
        });
        bucket.items.push_back(item);
        self.len += 1;
        while self.len > self.params.max_held {
            let Some(&(last_used, d)) = self.lru.first() else { break };
            let Some(b) = self.buckets.get_mut(&d) else { break };
            if let Some(oldest) = b.items.pop_front() {
                self.len -= 1;
                forgotten.push(oldest);
            }
            if b.items.is_empty() {
                self.buckets.remove(&d);
                self.lru.remove(&(last_used, d));
            }
        }
        forgotten
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(b: &DayBuckets<i64>) -> Vec<i64> {
        let mut v: Vec<i64> = b.buckets.values().flat_map(|b| b.items.iter().copied()).collect();
        v.sort_unstable();
        v
    }

    /// In date order, a bucket stays while arrivals are within its window
    /// and for `hold_arrivals` arrivals after that.
    #[test]
    fn a_live_crawl_keeps_its_window_plus_the_lag() {
        let mut b = DayBuckets::new(1, HoldParams { hold_arrivals: 3, max_held: 100 });
        let mut gone = Vec::new();
        for (key, day) in [(1, 10), (2, 10), (3, 11), (4, 12)] {
            gone.extend(b.arrive(day));
            gone.extend(b.insert(day, key));
        }
        assert!(gone.is_empty());
        // Day 10 was last used by the arrival of day 11 (number 3).
        for key in 5..=6 {
            gone.extend(b.arrive(13));
            gone.extend(b.insert(13, key));
        }
        assert_eq!(gone, [1, 2]);
        assert_eq!(held(&b), [3, 4, 5, 6]);
    }

    /// Newest first: what the backfill has left behind (above its window) goes.
    #[test]
    fn a_descending_backfill_slides_down() {
        let mut b = DayBuckets::new(2, HoldParams { hold_arrivals: 2, max_held: 100 });
        let mut gone = Vec::new();
        for day in (0..100).rev() {
            gone.extend(b.arrive(day));
            gone.extend(b.insert(day, i64::from(day)));
            assert!(b.len() <= 4, "{} held at day {day}", b.len());
        }
        assert_eq!(gone.len(), 96);
        assert_eq!(held(&b), [0, 1, 2, 3]);
    }

    /// The cap evicts the least recently used bucket first, oldest items first.
    #[test]
    fn the_cap_evicts_the_least_recently_used_bucket() {
        let mut b = DayBuckets::new(0, HoldParams { hold_arrivals: 1_000, max_held: 3 });
        let mut gone = Vec::new();
        for (key, day) in [(1, 5), (2, 5), (3, 9), (4, 5), (5, 20)] {
            gone.extend(b.arrive(day));
            gone.extend(b.insert(day, key));
        }
        // Day 9 was used less recently than day 5 when 5 arrived.
        assert_eq!(gone, [3, 1]);
        assert_eq!(held(&b), [2, 4, 5]);
        assert_eq!(b.count_in_window(5), 2);
    }
}
