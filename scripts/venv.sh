# Sourced by scripts/test and scripts/test-lowest: make a venv and install the dev extra into
# it once per pyproject.toml (a stamp file names its hash), through uv when it can be had.
# On a fresh clone pip's resolver spent 30-45 s of CPU weighing the thousands of wheel files
# the indexes list (pyinstrument: most of it in pip's Wheel.supported), the venv's own pip 8 s
# more; uv resolves and installs the same dev extra in ~4 s, from a venv made without pip
# (sqlite-utils brings pip into it). Expects PY (the Python that makes the venv).

# The uv on PATH, else the one an earlier run installed into VENV/uv-tool, else one installed
# there now by the system's pip (a standalone binary: the folder needs no PYTHONPATH).
find_uv() {
    local venv=$1 uv
    uv=$(command -v uv || true)
    if [ -z "$uv" ] && [ ! -x "$venv/uv-tool/bin/uv" ]; then
        "$PY" -m pip install --quiet --disable-pip-version-check --target "$venv/uv-tool" uv \
            >/dev/null 2>&1 || return 1
    fi
    echo "${uv:-$venv/uv-tool/bin/uv}"
}

# ensure_venv VENV [UV-PIP-OPTION...]: with options (a resolution of uv's own), uv is required;
# without, pip installs the dev extra where uv cannot be had or fails.
ensure_venv() {
    local venv=$1 uv stamp
    shift
    if [ ! -x "$venv/bin/python" ]; then
        "$PY" -m venv --without-pip "$venv"
    fi
    stamp=$venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
    if [ -f "$stamp" ]; then
        return 0
    fi
    if uv=$(find_uv "$venv") && "$uv" pip install --quiet --python "$venv/bin/python" "$@" -e '.[dev]'; then
        touch "$stamp"
        return 0
    fi
    if [ $# -gt 0 ]; then
        echo "uv could not install the dev extra into $venv ($*): pip has no such option" >&2
        return 1
    fi
    echo "uv could not install the dev extra: pip does" >&2
    "$venv/bin/python" -m ensurepip --upgrade --default-pip >/dev/null
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e '.[dev]'
    touch "$stamp"
}
