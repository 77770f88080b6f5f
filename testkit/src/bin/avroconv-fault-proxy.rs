//! `avroconv-fault-proxy --upstream http://127.0.0.1:PORT[/prefix] [--port N]`: the fault proxy
//! (`avroconv_testkit::proxy`) on 127.0.0.1, driven from tests in other languages through stdin/stdout.
//!
//! Prints `listening on http://127.0.0.1:PORT` once ready, then answers one line per command line:
//! - `mode MODE` (`pass`, `refuse`, `reset`, `stall`, `500`, `429 [SECS]`, `truncate`, `garbage`, `trickle [MS]`)
//!   -> `ok MODE` or `error WHY`
//! - `count [NAME]` -> `count N`: requests since the last `zero` (in mode NAME only, when given)
//! - `counts` -> `counts pass=N 500=N ...`
//! - `zero` -> `ok`: counts back to 0
//!
//! Exits when stdin closes, so it does not outlive the test that started it.

use std::io::{BufRead, Write};

use avroconv_testkit::{FaultProxy, ProxyMode};

fn main() {
    let mut upstream = None;
    let mut port = 0u16;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--upstream" => upstream = Some(args.next().unwrap_or_else(|| usage())),
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage()),
            _ => usage(),
        }
    }
    let upstream = upstream.unwrap_or_else(|| usage());
    let proxy = match FaultProxy::start_on(&upstream, port) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("avroconv-fault-proxy: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on {}", proxy.url());
    let _ = out.flush();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let line = line.trim();
        let (cmd, arg) = line.split_once(' ').map_or((line, ""), |(c, a)| (c, a.trim()));
        let answer = match cmd {
            "" => continue,
            "mode" => match arg.parse::<ProxyMode>() {
                Ok(mode) => {
                    proxy.set_mode(mode.clone());
                    format!("ok {mode}")
                }
                Err(e) => format!("error {e}"),
            },
            "count" if arg.is_empty() => format!("count {}", proxy.requests()),
            "count" => format!("count {}", proxy.count(arg)),
            "counts" => {
                let all: Vec<String> = proxy.counts().iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("counts {}", all.join(" ")).trim_end().to_owned()
            }
            "zero" => {
                proxy.reset_counts();
                "ok".to_owned()
            }
            other => format!("error unknown command {other:?}"),
        };
        if writeln!(out, "{answer}").and_then(|_| out.flush()).is_err() {
            break;
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: avroconv-fault-proxy --upstream http://127.0.0.1:PORT[/prefix] [--port N]");
    std::process::exit(2);
}
