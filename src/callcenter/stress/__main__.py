"""``python -m callcenter.stress``: the stress run, or one ``worker`` for the kill test."""

import sys

from callcenter.stress import main, worker_main

if len(sys.argv) > 1 and sys.argv[1] == "worker":
    sys.exit(worker_main(sys.argv[2:]))
sys.exit(main())
