//! `avroconv-test-registry [--port N] [--apicurio]`: serves the test registry on 127.0.0.1 until killed,
//! for tests written in other languages. Prints `listening on http://127.0.0.1:PORT` once ready.

use avroconv_testkit::{Identity, TestRegistry};

fn main() {
    let mut port = 0u16;
    let mut identity = Identity::Confluent;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage()),
            "--apicurio" => identity = Identity::Apicurio,
            _ => usage(),
        }
    }
    let registry = match TestRegistry::start_with(identity, port) {
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
    eprintln!("usage: avroconv-test-registry [--port N] [--apicurio]");
    std::process::exit(2);
}
