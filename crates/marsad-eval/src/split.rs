//! Tune/report halves of an extraction benchmark, by domain.
//!
//! Pages of one site share templates, so a rule tuned on one page of a site
//! would be "checked" on its siblings if pages were split one by one. The
//! split is by domain instead, with a hash simple enough to copy into any
//! language (scripts outside this crate split the same pages the same way):
//! FNV-1a 64 of the domain's UTF-8 bytes, even → tune, odd → report.

/// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A half of the pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Half {
    /// Pages rules may be tuned on.
    Tune,
    /// Pages figures are reported on.
    Report,
    /// Both.
    #[default]
    All,
}

/// The half of a page from its domain: the host, lower-cased, without a
/// leading `www.` (both are applied here, so a host may be passed as is).
/// Never [`Half::All`].
pub fn half_of_domain(domain: &str) -> Half {
    let domain = domain.trim().to_lowercase();
    let domain = domain.strip_prefix("www.").unwrap_or(&domain);
    if fnv1a_64(domain.as_bytes()).is_multiple_of(2) {
        Half::Tune
    } else {
        Half::Report
    }
}

impl Half {
    /// Whether a page of `domain` belongs to this half.
    pub fn holds(self, domain: &str) -> bool {
        self == Half::All || half_of_domain(domain) == self
    }
}

/// The host of a URL, lower-cased, without a leading `www.`, user info or
/// port (what Python's `urlparse(url).hostname` gives, less `www.`).
pub fn domain_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // The published FNV-1a 64 test vectors: "" is the offset basis.
        assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn halves_are_pinned() {
        // Values a Python copy of the rule must reproduce.
        assert_eq!(fnv1a_64(b"example.com"), 0x5768_4663_4e27_14c6);
        assert_eq!(half_of_domain("example.com"), Half::Tune);
        assert_eq!(fnv1a_64(b"aljazeera.net"), 0xec44_3279_718b_1b1f);
        assert_eq!(half_of_domain("aljazeera.net"), Half::Report);
        assert_eq!(half_of_domain("www.Example.com"), Half::Tune);
        assert!(Half::All.holds("example.com") && !Half::Report.holds("example.com"));
    }

    #[test]
    fn domains_of_urls() {
        assert_eq!(domain_of_url("https://www.Youm7.com/story/2024/1?x=1").as_deref(), Some("youm7.com"));
        assert_eq!(domain_of_url("http://user:pw@forums.example.org:8080#top").as_deref(), Some("forums.example.org"));
        assert_eq!(domain_of_url("example.com/a").as_deref(), Some("example.com"));
        assert_eq!(domain_of_url("https:///nothing"), None);
    }
}
