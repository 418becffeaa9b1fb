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

#[test]
fn symlinked_files_are_followed_and_loops_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    let walked = dir.path().join("walked");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::create_dir(&walked).unwrap();
    std::fs::write(elsewhere.join("page.txt"), "عنوان\n\nنص").unwrap();
    std::fs::write(walked.join("own.txt"), "عنوان\n\nنص").unwrap();
    std::os::unix::fs::symlink(elsewhere.join("page.txt"), walked.join("linked.txt")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, walked.join("linked-dir")).unwrap();
    std::os::unix::fs::symlink(&walked, walked.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), walked.join("dangling.txt")).unwrap();

    let found = collect_files(std::slice::from_ref(&walked));
    assert_eq!(
        found.files,
        vec![walked.join("linked-dir/page.txt"), walked.join("linked.txt"), walked.join("own.txt")]
    );
    // A dangling link is a file the user meant to give: it is named, not skipped in silence.
    assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
    assert!(found.errors[0].to_string().contains("dangling.txt"), "{}", found.errors[0]);
}

#[test]
fn fifos_are_named_not_walked_or_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::fs::write(dir.path().join("page.txt"), "عنوان\n\nنص").unwrap();

    let found = collect_files(&[dir.path().to_owned(), fifo.clone(), "/dev/null".into()]);
    assert_eq!(found.files, vec![dir.path().join("page.txt")]);
    let messages: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
    let fifo_message = format!("{}: not a regular file (a FIFO)", fifo.display());
    assert_eq!(
        messages,
        vec![fifo_message.clone(), fifo_message, "/dev/null: not a regular file (a character device)".into()]
    );
    // Reading it directly does not wait for a writer.
    assert!(matches!(marsad_ingest::read_page_file(&fifo), Err(FileError::NotRegular { .. })));
}

#[test]
fn a_page_file_is_read_up_to_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(marsad_ingest::MAX_FILE_BYTES).unwrap();
    assert_eq!(marsad_ingest::read_page_file(&path).unwrap().len() as u64, marsad_ingest::MAX_FILE_BYTES);
    file.set_len(marsad_ingest::MAX_FILE_BYTES + 1).unwrap();
    let e = marsad_ingest::read_page_file(&path).unwrap_err();
    assert!(matches!(e, FileError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("big.txt: over 16 MiB"), "{e}");
}
