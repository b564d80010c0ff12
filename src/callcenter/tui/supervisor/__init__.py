"""The supervisor dashboard (``callcenter supervise``): a separate app from the workstation."""
