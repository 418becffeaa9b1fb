//! Page bytes to text: BOM, strict UTF-8, then detection for legacy Arabic
//! encodings (windows-1256, ISO-8859-6). A file that cannot be read as text
//! is refused with a reason, never decoded into mojibake.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("binary data (NUL byte at offset {offset}): not a text page")]
    Binary { offset: usize },
    #[error("truncated: the file ends inside a UTF-8 character (line {line})")]
    Truncated { line: usize },
    #[error("invalid UTF-8 at line {line} (byte {offset}) in a file that is otherwise UTF-8")]
    InvalidUtf8 { line: usize, offset: usize },
    #[error("undecodable as {encoding} at line {line}")]
    Undecodable { encoding: &'static str, line: usize },
}

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes a page. `declared` is a charset label from outside the bytes
/// (an HTTP header, a `<meta charset>`), trusted only if the bytes agree.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded { text: text.to_owned(), encoding: UTF_8 });
        }
        Err(e) => {
            let offset = e.valid_up_to();
            let line = line_at(bytes, offset);
            if e.error_len().is_none() {
                return Err(DecodeError::Truncated { line });
            }
            // Valid multi-byte sequences before the bad byte mean the file is
            // UTF-8 with damage, not a legacy single-byte encoding.
            if has_utf8_multibyte(&bytes[..offset]) {
                return Err(DecodeError::InvalidUtf8 { line, offset });
            }
        }
    }
    let declared = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    let enc = declared.unwrap_or_else(|| detect_legacy(bytes));
    decode_with(enc, bytes)
}

/// Decodes a web page, whose labels (the HTTP `Content-Type` charset,
/// then the page's own `<meta charset>` / `<meta http-equiv>`) are often
/// wrong: a BOM wins; bytes that are valid UTF-8 are UTF-8 whatever the
/// labels say; otherwise every labelled legacy encoding and the detector's
/// guess are tried, and the decoding with the fewest undecodable bytes and
/// the least mojibake wins (a windows-1256 label on an ISO-8859-6 page puts
/// Latin letters inside Arabic words). A UTF-8 page with a few damaged bytes
/// (a truncated download, one bad byte in 100 kB) keeps its text with the
/// damage replaced, as browsers show it; heavy damage is refused.
pub fn decode_labelled(bytes: &[u8], labels: &[&str]) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom_len..]);
    }
    match decode(bytes, None) {
        Ok(d) if d.encoding == UTF_8 => return Ok(d),
        Err(DecodeError::InvalidUtf8 { .. } | DecodeError::Truncated { .. }) => {
            let (text, _) = UTF_8.decode_without_bom_handling(bytes);
            let damaged = text.matches('\u{FFFD}').count();
            if damaged * 1000 <= bytes.len() {
                tracing::warn!(damaged, "UTF-8 page with damaged bytes: replaced");
                return Ok(Decoded { text: text.into_owned(), encoding: UTF_8 });
            }
            return decode(bytes, None);
        }
        Err(e @ DecodeError::Binary { .. }) => return Err(e),
        _ => {}
    }
    let mut candidates: Vec<&'static Encoding> = labels
        .iter()
        .filter_map(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE)
        .collect();
    candidates.push(detect_legacy(bytes));
    let best = candidates
        .iter()
        .enumerate()
        .map(|(i, enc)| {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            (mojibake(&text), i, *enc)
        })
        .min_by_key(|(score, i, _)| (*score, *i))
        .map(|(_, _, enc)| enc)
        .unwrap_or(UTF_8);
    decode_with(best, bytes)
}

/// How wrong a decoding looks: undecodable bytes, and Latin-1 letters
/// (à, ç, Ç, Ó ...), which a wrong Arabic code page puts in place of Arabic
/// letters (and a Latin label puts everywhere).
fn mojibake(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{FFFD}' => 4,
            '\u{C0}'..='\u{FF}' => 1,
            _ => 0,
        })
        .sum()
}

fn detect_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    // `.ar` biases chardetng towards the Arabic encodings a news page uses.
    detector.guess(Some(b"ar"), chardetng::Utf8Detection::Deny)
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let offset = text.find('\u{FFFD}').unwrap_or(0);
        let line = text[..offset].matches('\n').count() + 1;
        return Err(DecodeError::Undecodable { encoding: enc.name(), line });
    }
    if enc == UTF_16LE || enc == UTF_16BE {
        return Ok(Decoded { text: text.into_owned(), encoding: enc });
    }
    if let Some(offset) = text.find('\0') {
        return Err(DecodeError::Binary { offset });
    }
    Ok(Decoded { text: text.into_owned(), encoding: enc })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    // Any lead byte of a multi-byte sequence in a prefix that is valid UTF-8.
    bytes.iter().any(|&b| b >= 0xC2)
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(SENTENCE.as_bytes(), None).unwrap();
        assert_eq!(plain.text, SENTENCE);
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(SENTENCE.as_bytes());
        assert_eq!(decode(&with_bom, None).unwrap().text, SENTENCE);
    }

    #[test]
    fn windows_1256_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(SENTENCE);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1256);
        assert_eq!(d.text, SENTENCE);
    }

    #[test]
    fn a_lying_utf8_label_is_not_trusted() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(SENTENCE);
        assert_eq!(decode(&bytes, Some("utf-8")).unwrap().text, SENTENCE);
    }

    #[test]
    fn truncated_utf8_is_refused_with_its_line() {
        let text = format!("عنوان\n{SENTENCE}");
        let bytes = &text.as_bytes()[..text.len() - 1];
        assert_eq!(decode(bytes, None).unwrap_err(), DecodeError::Truncated { line: 2 });
    }

    #[test]
    fn damaged_utf8_is_refused_not_guessed() {
        let mut bytes = format!("عنوان\nسطر\n{SENTENCE}").into_bytes();
        let at = bytes.len() - 4;
        bytes[at] = 0xFF;
        assert!(matches!(decode(&bytes, None), Err(DecodeError::InvalidUtf8 { line: 3, .. })));
    }

    #[test]
    fn html_labels_are_checked_against_the_bytes() {
        let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode(SENTENCE);
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode(SENTENCE);
        // Honest labels, lying labels, no label: always the right text.
        for labels in [&["windows-1256"][..], &["iso-8859-6"], &["utf-8"], &[], &["iso-8859-1"]] {
            assert_eq!(decode_labelled(&w1256, labels).unwrap().text, SENTENCE, "{labels:?}");
        }
        for labels in [&["iso-8859-6"][..], &["windows-1256"], &["utf-8", "windows-1256"], &[]] {
            assert_eq!(decode_labelled(&iso, labels).unwrap().text, SENTENCE, "{labels:?}");
        }
        assert_eq!(decode_labelled(SENTENCE.as_bytes(), &["windows-1256"]).unwrap().text, SENTENCE);
    }

    #[test]
    fn a_few_damaged_bytes_in_a_utf8_page_are_replaced() {
        let page = format!("<html><body><p>{}</p></body></html>", SENTENCE.repeat(40));
        let mut bytes = page.into_bytes();
        bytes[200] = 0xFF;
        let d = decode_labelled(&bytes, &[]).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert!((1..=2).contains(&d.text.matches('\u{FFFD}').count()));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0", None), Err(DecodeError::Binary { .. })));
    }
}
