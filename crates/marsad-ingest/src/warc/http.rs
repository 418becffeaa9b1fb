//! The HTTP response inside a WARC response record: status, headers and the
//! payload with its transfer and content encodings undone.

use std::io::Read;

/// A parsed HTTP response, its payload decoded.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub payload: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HttpError {
    #[error("HTTP header: {0}")]
    Header(String),
    #[error("HTTP chunked body is damaged")]
    Chunked,
    #[error("HTTP body in {0} encoding is damaged")]
    Decompress(String),
    #[error("HTTP body in {0} encoding is not supported")]
    UnsupportedEncoding(String),
    #[error("HTTP body is larger than {0} bytes once decompressed")]
    TooLarge(u64),
}

const MAX_HEADERS: usize = 128;

/// Parses `block` as an HTTP/1.x response. `max_payload` bounds the
/// decompressed payload so a small compressed bomb cannot fill memory.
pub fn parse_response(block: &[u8], max_payload: u64) -> Result<HttpResponse, HttpError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err(HttpError::Header("incomplete".into())),
        Err(e) => return Err(HttpError::Header(e.to_string())),
    };
    let status = response.code.unwrap_or(0);
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
    };
    let content_type = header("Content-Type").filter(|v| !v.is_empty());
    let transfer = header("Transfer-Encoding").unwrap_or_default().to_ascii_lowercase();
    let encoding = header("Content-Encoding").unwrap_or_default().to_ascii_lowercase();
    let body = &block[head_len..];
    let body = if transfer.contains("chunked") { dechunk(body)? } else { body.to_vec() };
    let payload = decode_content(body, &encoding, max_payload)?;
    Ok(HttpResponse { status, content_type, payload })
}

/// Undoes `Transfer-Encoding: chunked`. A body that ends early keeps what
/// arrived whole, as crawlers often cut the last chunk.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        match httparse::parse_chunk_size(body) {
            Ok(httparse::Status::Complete((start, 0))) => {
                let _ = start;
                return Ok(out);
            }
            Ok(httparse::Status::Complete((start, size))) => {
                let rest = &body[start..];
                let size = usize::try_from(size).map_err(|_| HttpError::Chunked)?;
                if rest.len() < size {
                    out.extend_from_slice(rest);
                    return Ok(out);
                }
                out.extend_from_slice(&rest[..size]);
                body = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
            }
            Ok(httparse::Status::Partial) if body.is_empty() => return Ok(out),
            Ok(httparse::Status::Partial) | Err(_) => return Err(HttpError::Chunked),
        }
    }
}

fn decode_content(body: Vec<u8>, encoding: &str, max: u64) -> Result<Vec<u8>, HttpError> {
    let encoding = encoding.trim();
    let mut out = Vec::new();
    let read = match encoding {
        "" | "identity" => return Ok(body),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&body[..]).take(max + 1).read_to_end(&mut out),
        "deflate" => {
            // "deflate" means zlib-wrapped, but some servers send raw deflate.
            let zlib = flate2::read::ZlibDecoder::new(&body[..]).take(max + 1).read_to_end(&mut out);
            if zlib.is_err() {
                out.clear();
                flate2::read::DeflateDecoder::new(&body[..]).take(max + 1).read_to_end(&mut out)
            } else {
                zlib
            }
        }
        other => return Err(HttpError::UnsupportedEncoding(other.to_owned())),
    };
    read.map_err(|_| HttpError::Decompress(encoding.to_owned()))?;
    if out.len() as u64 > max {
        return Err(HttpError::TooLarge(max));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_gzip_payload_is_decoded() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("مرحبا بالعالم".as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        let (a, b) = gz.split_at(7);
        for part in [a, b] {
            block.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            block.extend_from_slice(part);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let r = parse_response(&block, 1 << 20).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.content_type.as_deref(), Some("text/plain; charset=utf-8"));
        assert_eq!(String::from_utf8(r.payload).unwrap(), "مرحبا بالعالم");
    }

    #[test]
    fn decompression_bomb_is_refused() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![b'a'; 1 << 20]).unwrap();
        let gz = gz.finish().unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend_from_slice(&gz);
        assert_eq!(parse_response(&block, 1000).unwrap_err(), HttpError::TooLarge(1000));
    }
}
