#!/usr/bin/env python3
"""Teach a copy of Rust's standard library about `target_os = "solana"`.

anchor-lang 1.x and the solana-* crates it uses need `std`, so the programs are
built with `-Zbuild-std=std`. Upstream std has no arm for a Solana-like target:
no OS, one thread, a fixed heap, no writable statics. This script copies nothing
itself; it edits the library tree given on the command line (a copy of Debian's
rust-src 1.96) in place. Every edit must match exactly once, so a different std
version fails loudly here instead of miscompiling later.

Usage: patch_std.py <library-dir>
"""

from __future__ import annotations

import pathlib
import sys

SOLANA_SYSTEM_ALLOC = """\
use crate::alloc::{GlobalAlloc, Layout, System};

// On Solana the program's #[global_allocator] (solana-program-entrypoint's bump
// allocator over the runtime's heap region) serves every allocation; `System`
// is never used, so it reports failure.
#[stable(feature = "alloc_system_type", since = "1.28.0")]
unsafe impl GlobalAlloc for System {
    #[inline]
    unsafe fn alloc(&self, _layout: Layout) -> *mut u8 {
        crate::ptr::null_mut()
    }

    #[inline]
    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}
"""

PANIC_HANDLER = """\
#[cfg(all(target_os = "solana", not(any(test, doctest))))]
#[panic_handler]
pub fn panic_handler(info: &core::panic::PanicInfo<'_>) -> ! {
    // As in Solana's own std: the program's `custom_panic` (defined by
    // solana-program-entrypoint's `entrypoint!`) logs, then the program aborts.
    unsafe extern "Rust" {
        fn custom_panic(info: &core::panic::PanicInfo<'_>);
    }
    unsafe { custom_panic(info) };
    crate::process::abort()
}

#[cfg(all(not(target_os = "solana"), not(any(test, doctest))))]
#[panic_handler]
pub fn panic_handler("""

PANIC_WITH_HOOK = """\
#[cfg(target_os = "solana")]
fn panic_with_hook(
    _payload: &mut dyn PanicPayload,
    location: &Location<'_>,
    _can_unwind: bool,
    _force_no_backtrace: bool,
) -> ! {
    // No hooks and no panic counters (they would be writable statics): the
    // sol_panic_ syscall logs the location and aborts the program.
    unsafe extern "C" {
        fn sol_panic_(file: *const u8, len: u64, line: u64, column: u64) -> !;
    }
    let file = location.file();
    unsafe {
        sol_panic_(file.as_ptr(), file.len() as u64, location.line() as u64, location.column() as u64)
    }
}

#[cfg(not(target_os = "solana"))]
#[optimize(size)]
fn panic_with_hook(
"""

OOM_HANDLER = """\
#[cfg(all(target_os = "solana", not(test)))]
#[doc(hidden)]
#[alloc_error_handler]
#[unstable(feature = "alloc_internals", issue = "none")]
pub fn rust_oom(_layout: Layout) -> ! {
    unsafe extern "C" {
        fn sol_log_(message: *const u8, len: u64);
    }
    let message = "Error: memory allocation failed, out of memory";
    unsafe { sol_log_(message.as_ptr(), message.len() as u64) };
    crate::process::abort()
}

#[cfg(all(not(target_os = "solana"), not(test)))]
#[doc(hidden)]
#[alloc_error_handler]
#[unstable(feature = "alloc_internals", issue = "none")]
pub fn rust_oom(layout: Layout) -> ! {
"""


class PatchError(Exception):
    """The library source does not look like the version this patch targets."""


def edit(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text()
    count = text.count(old)
    if count != 1:
        raise PatchError(f"{path}: expected one match of {old!r}, found {count}")
    path.write_text(text.replace(old, new))


def patch(library: pathlib.Path) -> None:
    std = library / "std"
    sys_dir = std / "src" / "sys"

    # std/build.rs: `solana` is a supported OS, so crates need no `restricted_std`.
    edit(std / "build.rs", '        || target_os == "zkvm"\n',
         '        || target_os == "zkvm"\n        || target_os == "solana"\n')

    # Allocator: BPF is a 64-bit target with 8-byte minimum alignment; `System` fails.
    edit(sys_dir / "alloc" / "mod.rs", '    target_arch = "riscv64",\n',
         '    target_arch = "riscv64",\n    target_arch = "bpf",\n')
    edit(sys_dir / "alloc" / "mod.rs", '    target_os = "zkvm" => {\n        mod zkvm;\n    }\n',
         '    target_os = "zkvm" => {\n        mod zkvm;\n    }\n'
         '    target_os = "solana" => {\n        mod solana;\n    }\n')
    (sys_dir / "alloc" / "solana.rs").write_text(SOLANA_SYSTEM_ALLOC)

    # I/O errors, thread locals and randomness: the arms other no-OS targets use.
    edit(sys_dir / "io" / "error" / "mod.rs",
         '        target_os = "zkvm",\n    ) => {\n        mod generic;',
         '        target_os = "zkvm",\n        target_os = "solana",\n    ) => {\n        mod generic;')
    edit(sys_dir / "thread_local" / "mod.rs",
         '        target_os = "vexos",\n    ) => {\n        mod no_threads;',
         '        target_os = "vexos",\n        target_os = "solana",\n    ) => {\n        mod no_threads;')
    edit(sys_dir / "thread_local" / "mod.rs",
         '            target_os = "vexos",\n        ) => {\n            pub(crate) fn enable() {',
         '            target_os = "vexos",\n            target_os = "solana",\n        ) => {\n'
         '            pub(crate) fn enable() {')
    edit(sys_dir / "random" / "mod.rs",
         '        target_os = "vexos",\n    ) => {\n        // FIXME: finally remove',
         '        target_os = "vexos",\n        target_os = "solana",\n    ) => {\n'
         '        // FIXME: finally remove')
    edit(sys_dir / "random" / "mod.rs",
         '    target_os = "vexos",\n)))]\npub fn hashmap_random_keys',
         '    target_os = "vexos",\n    target_os = "solana",\n)))]\npub fn hashmap_random_keys')

    # HashMap keys: no randomness and no writable statics on Solana; execution must
    # be deterministic anyway (as in Solana's std fork).
    edit(std / "src" / "hash" / "random.rs",
         "    pub fn new() -> RandomState {\n",
         "    pub fn new() -> RandomState {\n"
         '        #[cfg(target_os = "solana")]\n'
         "        return RandomState { k0: 0, k1: 0 };\n"
         '        #[cfg(not(target_os = "solana"))]\n'
         "        {\n")
    edit(std / "src" / "hash" / "random.rs",
         "            RandomState { k0, k1 }\n        })\n",
         "            RandomState { k0, k1 }\n        })\n        }\n")

    # Panics and allocation failures without statics (SBPF has no writable data).
    edit(std / "src" / "panicking.rs",
         "#[cfg(not(any(test, doctest)))]\n#[panic_handler]\npub fn panic_handler(", PANIC_HANDLER)
    edit(std / "src" / "panicking.rs", "#[optimize(size)]\nfn panic_with_hook(\n", PANIC_WITH_HOOK)
    edit(std / "src" / "alloc.rs",
         '#[cfg(not(test))]\n#[doc(hidden)]\n#[alloc_error_handler]\n'
         '#[unstable(feature = "alloc_internals", issue = "none")]\npub fn rust_oom(layout: Layout) -> ! {\n',
         OOM_HANDLER)


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: patch_std.py <library-dir>", file=sys.stderr)
        return 2
    try:
        patch(pathlib.Path(sys.argv[1]))
    except (PatchError, OSError) as err:
        print(f"patch_std: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
