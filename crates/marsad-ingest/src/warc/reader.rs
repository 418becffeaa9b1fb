//! A streaming WARC reader: WARC/1.0 and 1.1, plain or gzip with one member
//! per record (the usual `.warc.gz`), or a whole file in one gzip member.
//!
//! Only one record's block is held in memory at a time, and only when the
//! caller wants it and it is under the size limit; any other block is read
//! past without being kept, so memory stays flat whatever the file size.
//! A damaged record is reported with its byte offset in the file (the start
//! of its gzip member for `.warc.gz`), and reading resumes at the next
//! record or gzip member found after it.

use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};

use flate2::bufread::GzDecoder;

/// Longest WARC header line, and all header lines of a record together.
const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADERS: usize = 256 * 1024;
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];
const WARC_MAGIC: &[u8] = b"WARC/1.";

/// One WARC record: its named fields and (when wanted) its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Where the record (or its gzip member) starts in the file.
    pub offset: u64,
    /// "1.0" or "1.1".
    pub version: String,
    pub headers: Vec<(String, String)>,
    /// The block's length as the record declares it.
    pub block_len: u64,
    /// The block, when the caller wanted it and it was within the limit.
    pub block: Option<Vec<u8>>,
}

impl Record {
    /// The first value of a named field (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// WARC-Type, lower-cased: "response", "request", "warcinfo", ...
    pub fn record_type(&self) -> String {
        self.header("WARC-Type").unwrap_or("").trim().to_ascii_lowercase()
    }
}

/// A record that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("record at byte {offset}: {message}")]
pub struct RecordError {
    pub offset: u64,
    pub message: String,
}

/// Decides from a record's fields whether its block is read into memory.
pub type WantBlock = fn(&[(String, String)]) -> bool;

/// Reads the records of a WARC file one by one (an [`Iterator`]).
pub struct WarcReader<R: Read + Seek> {
    stage: Stage<R>,
    want: WantBlock,
    max_block: u64,
    /// After an error, failures are not reported again until a record reads.
    resyncing: bool,
}

enum Stage<R: Read + Seek> {
    Plain(Counting<BufReader<R>>),
    /// Gzip, at a member boundary.
    Between(Counting<BufReader<R>>),
    Member {
        start: u64,
        decoder: Box<BufReader<GzDecoder<Counting<BufReader<R>>>>>,
    },
    Done,
}

impl<R: Read + Seek> WarcReader<R> {
    /// A reader over `source`; gzip is recognised by its first bytes.
    /// Blocks longer than `max_block` are skipped, never held.
    pub fn new(source: R, want: WantBlock, max_block: u64) -> io::Result<Self> {
        let mut src = Counting { inner: BufReader::with_capacity(64 * 1024, source), pos: 0 };
        let gzip = src.fill_buf()?.starts_with(&GZIP_MAGIC[..2]);
        let stage = if gzip { Stage::Between(src) } else { Stage::Plain(src) };
        Ok(WarcReader { stage, want, max_block, resyncing: false })
    }

    fn fail(&mut self, offset: u64, message: String) -> Option<Result<Record, RecordError>> {
        if std::mem::replace(&mut self.resyncing, true) {
            return None;
        }
        Some(Err(RecordError { offset, message }))
    }
}

impl<R: Read + Seek> Iterator for WarcReader<R> {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.stage, Stage::Done) {
                Stage::Done => return None,
                Stage::Plain(mut src) => {
                    let offset = src.pos;
                    match skip_blank_lines(&mut src) {
                        Ok(true) => return None,
                        Ok(false) => {}
                        Err(e) => return self.fail(offset, e.to_string()),
                    }
                    let offset = src.pos;
                    let mut header_read = 0;
                    match read_record(&mut src, offset, self.want, self.max_block, &mut header_read) {
                        Ok(record) => {
                            self.resyncing = false;
                            self.stage = Stage::Plain(src);
                            return Some(Ok(record));
                        }
                        Err(e) => {
                            // A header that broke at a line: every candidate
                            // record starting inside the lines before it reads
                            // the same lines and breaks there too, so the search
                            // starts at that line (from offset + 1, a run of
                            // such records costs header size × records).
                            if resync(&mut src, offset + header_read.max(1), WARC_MAGIC).unwrap_or(false) {
                                self.stage = Stage::Plain(src);
                            }
                            if let Some(err) = self.fail(offset, e.to_string()) {
                                return Some(err);
                            }
                        }
                    }
                }
                Stage::Between(mut src) => match src.fill_buf() {
                    Ok([]) => return None,
                    Ok(_) => {
                        let start = src.pos;
                        self.stage = Stage::Member { start, decoder: Box::new(BufReader::new(GzDecoder::new(src))) };
                    }
                    Err(e) => return self.fail(src.pos, e.to_string()),
                },
                Stage::Member { start, mut decoder } => {
                    let outcome = match skip_blank_lines(&mut *decoder) {
                        Ok(true) => {
                            // The member is done: the next one starts right after it.
                            self.stage = Stage::Between(decoder.into_inner().into_inner());
                            continue;
                        }
                        Ok(false) => read_record(&mut *decoder, start, self.want, self.max_block, &mut 0),
                        Err(e) => Err(e),
                    };
                    match outcome {
                        Ok(record) => {
                            self.resyncing = false;
                            self.stage = Stage::Member { start, decoder };
                            return Some(Ok(record));
                        }
                        Err(e) => {
                            // A gzip header that could not be read (a name field
                            // with no end): no member starts inside its bytes,
                            // and trying each magic in them would cost field
                            // size × candidates, so the search starts after them.
                            let header_read = decoder.get_ref().header().is_some();
                            let mut src = decoder.into_inner().into_inner();
                            let from = if header_read { start + 1 } else { src.pos.max(start + 1) };
                            if resync(&mut src, from, GZIP_MAGIC).unwrap_or(false) {
                                self.stage = Stage::Between(src);
                            }
                            let message = if e.kind() == io::ErrorKind::UnexpectedEof {
                                format!("truncated ({e})")
                            } else {
                                format!("damaged gzip member or record: {e}")
                            };
                            if let Some(err) = self.fail(start, message) {
                                return Some(err);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Skips the CR/LF bytes between records; true at end of input.
fn skip_blank_lines(r: &mut dyn BufRead) -> io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let blank = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if blank == 0 {
            return Ok(false);
        }
        r.consume(blank);
    }
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// Reads one line without its CR/LF; returns its length with them.
fn read_line(r: &mut dyn BufRead, line: &mut Vec<u8>) -> io::Result<u64> {
    line.clear();
    let raw = r.take(MAX_LINE).read_until(b'\n', line)? as u64;
    if line.last() != Some(&b'\n') {
        return Err(if line.len() as u64 >= MAX_LINE {
            invalid(format!("header line longer than {MAX_LINE} bytes"))
        } else {
            io::Error::new(io::ErrorKind::UnexpectedEof, "input ends inside the record's header")
        });
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    Ok(raw)
}

/// `header_read` is left at the bytes of the header lines read whole before
/// a failure in the header (0 for a failure in the block).
fn read_record(
    r: &mut dyn BufRead,
    offset: u64,
    want: WantBlock,
    max_block: u64,
    header_read: &mut u64,
) -> io::Result<Record> {
    let mut line = Vec::new();
    let first = read_line(r, &mut line)?;
    let version = match line.strip_prefix(b"WARC/") {
        Some(v) if v.starts_with(b"1.") => String::from_utf8_lossy(v).trim().to_owned(),
        _ => {
            let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
            return Err(invalid(format!("not a WARC record: starts with {shown:?}")));
        }
    };
    *header_read = first;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut total = 0;
    loop {
        let raw = read_line(r, &mut line)?;
        if line.is_empty() {
            break;
        }
        total += line.len();
        if total > MAX_HEADERS {
            return Err(invalid(format!("header longer than {MAX_HEADERS} bytes")));
        }
        let text = String::from_utf8_lossy(&line);
        if text.starts_with([' ', '\t']) {
            // A folded continuation of the previous field (WARC/1.0 allows it).
            match headers.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                None => return Err(invalid("header starts with a continuation line".into())),
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(invalid(format!("header line without a colon: {:?}", truncate(&text, 60))));
        };
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
        *header_read += raw;
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .ok_or_else(|| invalid("no Content-Length".into()))?
        .1
        .parse::<u64>()
        .map_err(|_| invalid("Content-Length is not a number".into()))?;
    // A failure from here on is in the block, which may hold whole records.
    *header_read = 0;
    let truncated = || io::Error::new(io::ErrorKind::UnexpectedEof, "input ends inside the record's block");
    let block = if length <= max_block && want(&headers) {
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        r.take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(truncated());
        }
        Some(block)
    } else {
        if io::copy(&mut r.take(length), &mut io::sink())? < length {
            return Err(truncated());
        }
        None
    };
    Ok(Record { offset, version, headers, block_len: length, block })
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Moves `src` to the next occurrence of `magic` at or after `from`;
/// false when there is none.
fn resync<R: Read + Seek>(src: &mut Counting<BufReader<R>>, from: u64, magic: &[u8]) -> io::Result<bool> {
    let seek = |src: &mut Counting<BufReader<R>>, to: u64| -> io::Result<()> {
        src.inner.seek(SeekFrom::Start(to))?;
        src.pos = to;
        Ok(())
    };
    seek(src, from)?;
    // The tail of the previous buffer, for a magic split across two fills.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let buf = src.inner.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let mut joined = carry.clone();
        joined.extend_from_slice(&buf[..buf.len().min(magic.len() - 1)]);
        if let Some(at) = find(&joined, magic) {
            let to = src.pos - carry.len() as u64 + at as u64;
            seek(src, to)?;
            return Ok(true);
        }
        if let Some(at) = find(buf, magic) {
            src.consume(at);
            return Ok(true);
        }
        carry = buf[buf.len().saturating_sub(magic.len() - 1)..].to_vec();
        let n = buf.len();
        src.consume(n);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A buffered reader that knows its position in the underlying stream.
struct Counting<B> {
    inner: B,
    pos: u64,
}

impl<B: BufRead> Read for Counting<B> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<B: BufRead> BufRead for Counting<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the bytes the reader pulls from its source.
    struct Metered<'a> {
        inner: io::Cursor<&'a [u8]>,
        read: std::rc::Rc<std::cell::Cell<u64>>,
    }

    impl Read for Metered<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(out)?;
            self.read.set(self.read.get() + n as u64);
            Ok(n)
        }
    }

    impl Seek for Metered<'_> {
        fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
            self.inner.seek(to)
        }
    }

    /// Every record of `bytes`, and how many bytes reading them took.
    fn read_metered(bytes: &[u8]) -> (Vec<Result<Record, RecordError>>, u64) {
        let read = std::rc::Rc::new(std::cell::Cell::new(0));
        let source = Metered { inner: io::Cursor::new(bytes), read: read.clone() };
        let records = WarcReader::new(source, |_| true, 1 << 20).unwrap().collect();
        (records, read.get())
    }

    /// Found by fuzzing: headers that never end, each with a "WARC/1.1" in
    /// a value, made every one a candidate record that read the whole rest
    /// of the header run again: header size × records.
    #[test]
    fn a_run_of_unending_headers_is_read_about_once() {
        let mut bytes = b"WARC/1.1\r\n".to_vec();
        for _ in 0..5000 {
            bytes.extend_from_slice(b"WARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0WARC/1.1\r\n");
        }
        let good = b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
        bytes.extend_from_slice(good);
        let (records, read) = read_metered(&bytes);
        let blocks: Vec<_> = records.iter().filter_map(|r| r.as_ref().ok()?.block.clone()).collect();
        assert_eq!(blocks, [b"ok".to_vec()]);
        assert!(read < 4 * bytes.len() as u64, "read {read} bytes of {}", bytes.len());
    }

    /// Found by fuzzing: header lines whose values say "WARC/1.1" made each
    /// a record of the lines below it, each without a Content-Length.
    #[test]
    fn header_lines_that_look_like_records_are_read_about_once() {
        let mut bytes = b"WARC/1.1\r\n".to_vec();
        bytes.extend(b"t: WARC/1.1\r\n".repeat(10_000));
        bytes.extend_from_slice(b"\r\nWARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n");
        let (records, read) = read_metered(&bytes);
        let blocks: Vec<_> = records.iter().filter_map(|r| r.as_ref().ok()?.block.clone()).collect();
        assert_eq!(blocks, [b"ok".to_vec()]);
        assert!(read < 4 * bytes.len() as u64, "read {read} bytes of {}", bytes.len());
    }

    /// Found by fuzzing: gzip magic repeated made each copy a member whose
    /// name field ran on for 64 KiB before it failed, one after another.
    #[test]
    fn gzip_members_are_not_searched_for_inside_a_broken_gzip_header() {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n").unwrap();
        let mut bytes = gz.finish().unwrap();
        bytes.extend(GZIP_MAGIC.repeat(30_000));
        let (records, read) = read_metered(&bytes);
        assert!(matches!(&records[0], Ok(r) if r.block.as_deref() == Some(&b"ok"[..])));
        assert!(records[1..].iter().all(Result::is_err));
        assert!(read < 4 * bytes.len() as u64, "read {read} bytes of {}", bytes.len());
    }
}
