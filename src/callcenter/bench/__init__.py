"""The performance bench behind ``scripts/bench`` (GitHub issue 6).

It builds (once, cached in ``.bench/``) a ledger of 100 000 debtors, about
1 000 000 invoices and 2 000 000 past calls with the demo generator, then
times what a collector and a supervisor feel: the next debtor after an
outcome key, the queue pick, the cold start, the FEC import, the supervisor
figures and the memory of one workstation, each beside a floor measured in
the same run (issue 17), and prints one JSON report; ``--scaling`` gives the
growth exponents.

Modules: ``fixtures`` (the cached ledger and FEC file), ``measures`` (each
figure and its ratio target), ``floors`` (the same work with bare Textual,
Python or SQLite), ``scaling`` (costs over sizes), ``children`` (code run in
separate processes: the workstation, bare Textual apps, an import), ``stats``
(medians, percentiles, slopes, the machine and its load).
"""
