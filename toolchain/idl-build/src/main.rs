//! `ionet-idl-build <program-dir>`: print the program's IDL as JSON.
//!
//! This is the IDL build the anchor CLI performs (`anchor idl build`): it runs
//! the program's `__anchor_private_print_idl` tests on the host with the
//! `idl-build` feature and assembles their output into an Anchor IDL.

use std::path::PathBuf;

use anchor_lang_idl::build::IdlBuilder;
use anyhow::{bail, Context, Result};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(program_dir) = args.next() else {
        bail!("usage: ionet-idl-build <program-dir>");
    };
    if std::env::var_os("RUSTUP_TOOLCHAIN").is_some() {
        // IdlBuilder would then run a literal `cargo +{toolchain}` and fail.
        bail!("unset RUSTUP_TOOLCHAIN before running ionet-idl-build");
    }
    let idl = IdlBuilder::new()
        .program_path(PathBuf::from(&program_dir))
        .resolution(true)
        .skip_lint(false)
        .build()
        .with_context(|| format!("building the IDL of {program_dir}"))?;
    println!("{}", serde_json::to_string_pretty(&idl)?);
    Ok(())
}
