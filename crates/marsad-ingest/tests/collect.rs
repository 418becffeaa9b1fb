//! Walking the paths given to `ingest`: bad paths cost only themselves.

use marsad_ingest::{collect_files, FileError};

#[test]
fn a_missing_path_is_reported_and_the_others_are_walked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    std::fs::create_dir(&good).unwrap();
    std::fs::write(good.join("a.txt"), "عنوان\n\nنص").unwrap();
    let missing = dir.path().join("missing");

    let found = collect_files(&[missing.clone(), good.clone()]);
    assert_eq!(found.files, vec![good.join("a.txt")]);
    assert_eq!(found.errors.len(), 1);
    let FileError::Read { path, .. } = &found.errors[0] else { panic!("{:?}", found.errors) };
    assert_eq!(path, &missing);
    let message = found.errors[0].to_string();
    assert_eq!(message.matches("No such file or directory").count(), 1, "{message}");
    // Nothing is printed twice by a chain printer either.
    assert!(std::error::Error::source(&found.errors[0]).is_none());
}
