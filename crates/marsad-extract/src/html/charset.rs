//! The charset labels a web page carries: the HTTP `Content-Type` header's
//! `charset` parameter, and the page's own `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">`, found in
//! the page's first bytes the way browsers pre-scan for them.

use std::sync::LazyLock;

use regex::bytes::Regex;

/// Browsers look for the meta label in the first 1024 bytes; pages with a
/// long head of scripts put it later, so look a little further.
const PRESCAN: usize = 4096;

static META: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("meta charset pattern compiles")
});

static PARAM: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"(?i)\bcharset\s*=\s*["']?([a-z0-9_:.\-]+)"#).expect("charset parameter pattern compiles")
});

/// The `charset` parameter of a `Content-Type` value.
pub fn from_content_type(content_type: &str) -> Option<&str> {
    PARAM.captures(content_type).and_then(|c| c.get(1)).map(|m| m.as_str())
}

/// The charset the page declares in a `<meta>` near its start.
pub fn from_meta(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    Some(String::from_utf8_lossy(label).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_every_form() {
        assert_eq!(from_content_type("text/html; charset=windows-1256"), Some("windows-1256"));
        assert_eq!(from_content_type("text/html;charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(from_content_type("text/html"), None);
        assert_eq!(from_meta(b"<head><meta charset=\"ISO-8859-6\">").as_deref(), Some("ISO-8859-6"));
        assert_eq!(
            from_meta(b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1256\">").as_deref(),
            Some("windows-1256")
        );
        assert_eq!(from_meta(b"<meta name=\"viewport\" content=\"width=device-width\">"), None);
    }
}
