"""The keeper: cranks every permissionless step of the network (`ionet keeper run`).

`steps.STEPS` is the table of what it does; `service.Keeper.tick` runs it once."""
