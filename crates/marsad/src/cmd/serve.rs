use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

pub fn run(data_dir: &Path, addr: SocketAddr, ingest_token: Option<String>) -> anyhow::Result<ExitCode> {
    let config = marsad_server::Config { data_dir: data_dir.to_owned(), addr, ingest_token };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let served = runtime.block_on(marsad_server::serve(config));
    // Dropping the runtime would wait for every blocking task, such as an
    // ingest the shutdown deadline gave up on: a SIGTERM must end in bounded time.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served?;
    Ok(ExitCode::SUCCESS)
}
