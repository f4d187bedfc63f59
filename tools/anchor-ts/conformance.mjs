// Standard Solana clients against a validator process, for
// tests/test_localnet_conformance.py: the Anchor TypeScript client
// (@coral-xyz/anchor 0.32) and web3.js 1.x (@solana/web3.js, its dependency),
// used exactly as their documentation shows, websocket confirmation included.
//
// Reads one JSON request on stdin:
//   {"url": "http://127.0.0.1:PORT", "idl": path, "node": address, "operator": [secret key bytes],
//    "payer": [secret key bytes], "price": base units}
// and writes one JSON result on stdout:
//   {"simulated": {"events": [...], "logs": n}, "rpc": signature, "event": {...}, "eventSlot": n,
//    "web3": {"airdrop": signature, "transfer": signature, "balance": lamports}}
// Any failure: a message on stderr and exit status 1.
import { readFileSync } from "node:fs";
import anchor from "@coral-xyz/anchor";

const { AnchorProvider, Program, Wallet, web3 } = anchor;
const { Connection, Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction, sendAndConfirmTransaction } =
  web3;

const request = JSON.parse(readFileSync(0, "utf8"));
const idl = JSON.parse(readFileSync(request.idl, "utf8"));
const connection = new Connection(request.url, "confirmed"); // websocket: the RPC port + 1
const operator = Keypair.fromSecretKey(Uint8Array.from(request.operator));
const payer = Keypair.fromSecretKey(Uint8Array.from(request.payer));
const node = new PublicKey(request.node);
const out = {};

function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

try {
  // web3.js: an airdrop confirmed by the blockhash strategy, then sendAndConfirmTransaction.
  const latest = await connection.getLatestBlockhash("confirmed");
  const airdrop = await connection.requestAirdrop(payer.publicKey, 2 * LAMPORTS_PER_SOL);
  const confirmed = await within(
    30_000,
    connection.confirmTransaction({ signature: airdrop, ...latest }, "confirmed"),
    "confirmTransaction",
  );
  if (confirmed.value.err) throw new Error(`airdrop failed: ${JSON.stringify(confirmed.value.err)}`);
  const recipient = Keypair.generate().publicKey;
  const transfer = new Transaction().add(
    SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: recipient, lamports: LAMPORTS_PER_SOL / 2 }),
  );
  const sent = await within(
    30_000,
    sendAndConfirmTransaction(connection, transfer, [payer], { commitment: "confirmed" }),
    "sendAndConfirmTransaction",
  );
  out.web3 = { airdrop, transfer: sent, balance: await connection.getBalance(recipient, "confirmed") };

  // Anchor: .simulate(), addEventListener, .rpc() of the operator's node_update (a new
  // minimum price: an Option<u64> argument in a struct, and the NodeUpdated event).
  const provider = new AnchorProvider(connection, new Wallet(operator), { commitment: "confirmed" });
  const program = new Program(idl, provider);
  let listener;
  const heard = new Promise((resolve) => {
    listener = program.addEventListener("nodeUpdated", (event, slot, signature) =>
      resolve({ event, slot, signature }),
    );
  });
  // A log subscription is live only once the node has answered logsSubscribe; a
  // transaction sent before that is not reported (on any validator). web3.js 1.x
  // keeps that state in Connection._subscriptionsByHash (pinned by package-lock).
  await within(
    10_000,
    (async () => {
      while (!Object.values(connection._subscriptionsByHash).some((s) => s.state === "subscribed")) {
        await new Promise((r) => setTimeout(r, 50));
      }
    })(),
    "logsSubscribe",
  );
  const accounts = { node, operator: operator.publicKey };
  const args = { agent: null, hardware: null, minPricePerGpuHour: new anchor.BN(request.price) };
  const simulated = await program.methods.nodeUpdate(args).accountsPartial(accounts).simulate();
  out.simulated = { events: simulated.events.map((e) => e.name), logs: simulated.raw.length };
  out.rpc = await within(30_000, program.methods.nodeUpdate(args).accountsPartial(accounts).rpc(), "rpc()");
  const { event, slot, signature } = await within(30_000, heard, "addEventListener");
  await program.removeEventListener(listener);
  out.event = { node: event.node.toBase58(), minPrice: event.minPricePerGpuHour.toString(), signature };
  out.eventSlot = slot;
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
} catch (err) {
  process.stderr.write(`${err?.stack ?? err}\n${JSON.stringify(out)}\n`);
  process.exit(1);
}
