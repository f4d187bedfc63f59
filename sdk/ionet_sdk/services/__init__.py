"""Services on the SDK: long-running daemons (`ionet_sdk.services.<name>`), each a
`config.py` (one typed settings object: file → env → flags) and a `service.py` with
`async def run(cfg, stop)`."""
