//! `avroconv-test-registry [--port N] [--apicurio] [--tls-dir DIR [--mutual] [--expired]]`: serves the test registry
//! on 127.0.0.1 until killed, for tests written in other languages. Prints `listening on URL` once ready.
//!
//! With `--tls-dir` it makes new test certificates (testkit's `TestPki`), writes them into DIR as PEM (`ca.pem`,
//! `server.pem`, `client-ca.pem`, `client.pem`, `client.key`, `other-ca.pem`, ...; see `pki::FILES`) and serves
//! HTTPS with the server certificate signed by `ca.pem`; `--mutual` also requires a client certificate signed by
//! `client-ca.pem`; `--expired` serves a certificate from the same CA that expired in 2001.

use std::path::PathBuf;

use avroconv_testkit::{Identity, TestPki, TestRegistry};

fn main() {
    let mut port = 0u16;
    let mut identity = Identity::Confluent;
    let mut tls_dir: Option<PathBuf> = None;
    let (mut mutual, mut expired) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage()),
            "--apicurio" => identity = Identity::Apicurio,
            "--tls-dir" => tls_dir = Some(args.next().map(PathBuf::from).unwrap_or_else(|| usage())),
            "--mutual" => mutual = true,
            "--expired" => expired = true,
            _ => usage(),
        }
    }
    if tls_dir.is_none() && (mutual || expired) {
        usage();
    }
    let tls = tls_dir.map(|dir| {
        let pki = TestPki::generate();
        if let Err(e) = pki.write_to(&dir) {
            eprintln!("avroconv-test-registry: cannot write certificates into {}: {e}", dir.display());
            std::process::exit(1);
        }
        pki.server_tls(mutual, expired)
    });
    let registry = match TestRegistry::start_opts(identity, port, tls) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("avroconv-test-registry: cannot listen on 127.0.0.1:{port}: {e}");
            std::process::exit(1);
        }
    };
    println!("listening on {}", registry.url());
    loop {
        std::thread::park();
    }
}

fn usage() -> ! {
    eprintln!("usage: avroconv-test-registry [--port N] [--apicurio] [--tls-dir DIR [--mutual] [--expired]]");
    std::process::exit(2);
}
