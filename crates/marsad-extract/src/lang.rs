//! Language by script. Word-level detectors misread short Arabic text (as
//! Persian) and single words; the letters that only Persian or Urdu use are a
//! surer sign.

/// ISO 639-1 code, or "und" when the text has too few letters to tell.
pub fn detect_lang(text: &str) -> &'static str {
    let (mut arabic_script, mut latin, mut persian, mut urdu) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => {
                persian += 1;
                arabic_script += 1;
            }
            'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ھ' => {
                urdu += 1;
                arabic_script += 1;
            }
            c if marsad_text::is_arabic_letter(c) => arabic_script += 1,
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if arabic_script + latin < 3 {
        return "und";
    }
    if latin > arabic_script {
        return "en";
    }
    // A few Persian letters occur in Arabic text (names, Gulf spellings);
    // only a real share of them marks Persian or Urdu.
    let share = |n: usize| n * 100 / arabic_script.max(1);
    if share(urdu) >= 2 {
        "ur"
    } else if share(persian) >= 3 {
        "fa"
    } else {
        "ar"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(detect_lang("استقبل الرئيس الروسي فلاديمير بوتين"), "ar");
        assert_eq!(detect_lang("رئیس جمهور ایران گفت که این کار را می‌کند"), "fa");
        assert_eq!(detect_lang("Moscow ready to help Pyongyang build satellites"), "en");
        assert_eq!(detect_lang("٤٠"), "und");
    }
}
