// Encodes instruction data and decodes accounts with the Anchor TypeScript client
// (@coral-xyz/anchor), for tests/test_cross_check.py. Reads one JSON request on
// stdin: {"idl": path, "cases": [{"ix": name, "args": {...}} | {"account": name,
// "data": hex}]}; writes {"results": [hex | value tree]} on stdout.
//
// Value trees are the test's canonical form: integers as decimal strings,
// public keys in base58, enums as {"Variant": {}}, structs as objects with the
// IDL's (snake_case) field names.
import { readFileSync } from "node:fs";
import anchor from "@coral-xyz/anchor";

const { BorshInstructionCoder, BorshAccountsCoder, BN, web3 } = anchor;
const request = JSON.parse(readFileSync(0, "utf8"));
const idl = JSON.parse(readFileSync(request.idl, "utf8"));
const types = Object.fromEntries((idl.types ?? []).map((t) => [t.name, t]));
const SMALL = new Set(["u8", "i8", "u16", "i16", "u32", "i32", "f32", "f64"]);

function toJs(type, value) {
  if (typeof type === "string") {
    if (type === "pubkey") return new web3.PublicKey(value);
    if (type === "bool" || type === "string") return value;
    if (type === "bytes") return Buffer.from(value, "hex");
    return SMALL.has(type) ? Number(value) : new BN(value);
  }
  if (type.option) return value === null ? null : toJs(type.option, value);
  if (type.vec) return value.map((v) => toJs(type.vec, v));
  if (type.array) return value.map((v) => toJs(type.array[0], v));
  const def = types[type.defined.name].type;
  if (def.kind === "enum") {
    const [variant] = Object.keys(value);
    return { [variant]: {} };
  }
  return Object.fromEntries(def.fields.map((f) => [f.name, toJs(f.type, value[f.name])]));
}

function fromJs(type, value) {
  if (typeof type === "string") {
    if (type === "pubkey") return value.toBase58();
    if (type === "bool" || type === "string") return value;
    if (type === "bytes") return Buffer.from(value).toString("hex");
    return value.toString();
  }
  if (type.option) return value === null ? null : fromJs(type.option, value);
  if (type.vec) return value.map((v) => fromJs(type.vec, v));
  if (type.array) return Array.from(value, (v) => fromJs(type.array[0], v));
  const def = types[type.defined.name].type;
  if (def.kind === "enum") {
    const [variant] = Object.keys(value);
    const named = def.variants.find((v) => v.name.toLowerCase() === variant.toLowerCase());
    return { [named.name]: {} };
  }
  return Object.fromEntries(def.fields.map((f) => [f.name, fromJs(f.type, value[f.name])]));
}

const ixCoder = new BorshInstructionCoder(idl);
const accountsCoder = new BorshAccountsCoder(idl);
const results = request.cases.map((c) => {
  if (c.ix !== undefined) {
    const ix = idl.instructions.find((i) => i.name === c.ix);
    const args = Object.fromEntries(ix.args.map((a) => [a.name, toJs(a.type, c.args[a.name])]));
    return ixCoder.encode(c.ix, args).toString("hex");
  }
  const decoded = accountsCoder.decode(c.account, Buffer.from(c.data, "hex"));
  return fromJs({ defined: { name: c.account } }, decoded);
});
process.stdout.write(JSON.stringify({ results }));
