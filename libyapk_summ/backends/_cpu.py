"""Build flags for llama.cpp that fit the CPU this runs on.

A native build (``-march=native``) crashes on CPUs that advertise AMX, and a build with
``-DGGML_AVX512=ON`` dies with SIGILL on CPUs without AVX-512. So the flags follow
``/proc/cpuinfo``: ``GGML_NATIVE`` off, each instruction set on only where the CPU lists
it, AMX always off.

    python -m libyapk_summ.backends._cpu          # prints the CMAKE_ARGS for this machine

llama.cpp's runtime dispatch (``GGML_BACKEND_DL`` + ``GGML_CPU_ALL_VARIANTS``) is no way
out with llama-cpp-python 0.3.36: its CMakeLists installs only the ``ggml-cpu`` target,
not the ``ggml-cpu-<variant>`` libraries, and the variant list includes an AMX one.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: ggml option -> the cpuinfo flags it needs (ggml compiles GGML_AVX512 with
#: -mavx512f -mavx512cd -mavx512vl -mavx512dq -mavx512bw, so it needs all five).
_OPTIONS: dict[str, tuple[str, ...]] = {
    "GGML_SSE42": ("sse4_2",),
    "GGML_AVX": ("avx",),
    "GGML_AVX2": ("avx2",),
    "GGML_BMI2": ("bmi2",),
    "GGML_FMA": ("fma",),
    "GGML_F16C": ("f16c",),
    "GGML_AVX512": ("avx512f", "avx512cd", "avx512vl", "avx512dq", "avx512bw"),
}
_ALWAYS_OFF = ("GGML_AMX_TILE", "GGML_AMX_INT8", "GGML_AMX_BF16")
CPUINFO = Path("/proc/cpuinfo")


def cpu_flags(cpuinfo: str) -> frozenset[str]:
    """The instruction-set flags of the first processor in a ``/proc/cpuinfo`` text."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags":
            return frozenset(value.split())
    return frozenset()


def cmake_args(cpuinfo: str | None = None) -> str:
    """CMAKE_ARGS for a portable llama.cpp build on this CPU.

    Args:
        cpuinfo: a ``/proc/cpuinfo`` text (default: this machine's; where there is
            none, every instruction set beyond the x86-64 baseline is off).

    Returns:
        ``-DGGML_NATIVE=OFF`` followed by each ggml instruction-set option set ON or
        OFF by the CPU's flags, and the AMX options OFF.
    """
    if cpuinfo is None:
        cpuinfo = CPUINFO.read_text(errors="replace") if CPUINFO.is_file() else ""
    flags = cpu_flags(cpuinfo)
    args = ["-DGGML_NATIVE=OFF"]
    for option, needs in _OPTIONS.items():
        args.append(f"-D{option}={'ON' if flags.issuperset(needs) else 'OFF'}")
    args.extend(f"-D{option}=OFF" for option in _ALWAYS_OFF)
    return " ".join(args)


def install_command(cpuinfo: str | None = None) -> str:
    """The one command that installs the local extra with flags for this CPU."""
    return f'CMAKE_ARGS="{cmake_args(cpuinfo)}" pip install --no-cache-dir "libyapk-summ[local]"'


if __name__ == "__main__":
    sys.stdout.write(cmake_args() + "\n")
