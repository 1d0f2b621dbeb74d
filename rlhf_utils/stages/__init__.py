"""Each stage's plumbing around its TODO loop, apart from the pieces a student writes: build the models, resume,
train with the run's pieces (`ctx.pieces`), save, summarise. Part 1's pipeline and Part 2's variants both use them:
`sft` (TODO 4's loop), `reward` (TODOs 6-9, and the length-decoupled variants when asked), `ppo` (TODO 14's loop)."""
