"""`python -m ionet_sdk.localnet`: run the LiteSVM-backed JSON-RPC server."""

from ionet_sdk.localnet.server import main

raise SystemExit(main())
