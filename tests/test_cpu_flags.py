"""Build flags from /proc/cpuinfo, and which managed server a machine gets (no model needed)."""

import json

import pytest

from libyapk_summ._errors import ConfigurationError
from libyapk_summ.backends import _cpu, _local, _native
from libyapk_summ.backends._local import LlamaServer

# Abridged /proc/cpuinfo of the two kinds of machine measured (flags as the kernel prints them).
EPYC_AVX2 = """processor\t: 0
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC 7B12
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse \
sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid \
extd_apicid tsc_known_freq pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c \
rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext \
ssbd ibrs ibpb stibp vmmcall fsgsbase tsc_adjust bmi1 avx2 smep bmi2 rdseed adx smap clflushopt clwb \
sha_ni xsaveopt xsavec xgetbv1 clzero xsaveerptr arat npt nrip_save umip rdpid
"""
XEON_AMX = """processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz
flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse \
sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid \
tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c \
rdrand hypervisor lahf_lm abm 3dnowprefetch ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust \
bmi1 hle avx2 smep bmi2 erms invpcid rtm avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb \
avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 arat \
avx512vbmi umip pku ospke waitpkg avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg \
avx512_vpopcntdq la57 rdpid cldemote movdiri movdir64b fsrm md_clear serialize tsxldtrk amx_bf16 \
avx512_fp16 amx_tile amx_int8 arch_capabilities
"""
OLD_SSE = "processor\t: 0\nflags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt\n"


def options(cpuinfo: str) -> dict[str, str]:
    args = _cpu.cmake_args(cpuinfo).split()
    return dict(a.removeprefix("-D").split("=") for a in args)


def test_avx2_only_epyc_gets_no_avx512():
    got = options(EPYC_AVX2)
    assert got["GGML_AVX512"] == "OFF"
    assert {got[k] for k in ("GGML_AVX", "GGML_AVX2", "GGML_FMA", "GGML_F16C", "GGML_BMI2")} == {"ON"}


def test_avx512_amx_xeon_gets_avx512_and_no_amx():
    got = options(XEON_AMX)
    assert got["GGML_AVX512"] == "ON" and got["GGML_AVX2"] == "ON"
    assert got["GGML_AMX_TILE"] == got["GGML_AMX_INT8"] == got["GGML_AMX_BF16"] == "OFF"


def test_native_is_always_off():
    for text in (EPYC_AVX2, XEON_AMX, OLD_SSE, ""):
        assert options(text)["GGML_NATIVE"] == "OFF"


def test_a_cpu_without_avx_gets_every_extension_off_but_sse42():
    got = options(OLD_SSE)
    assert got["GGML_SSE42"] == "ON"
    assert [k for k, v in got.items() if v == "ON"] == ["GGML_SSE42"]


def test_avx512f_alone_is_not_enough_for_ggmls_avx512_build():
    # ggml compiles GGML_AVX512 with -mavx512f -mavx512cd -mavx512vl -mavx512dq -mavx512bw
    text = EPYC_AVX2.replace(" rdpid", " rdpid avx512f")
    assert options(text)["GGML_AVX512"] == "OFF"


def test_install_command_carries_this_cpus_flags():
    command = _cpu.install_command(EPYC_AVX2)
    assert "-DGGML_AVX512=OFF" in command
    assert command.endswith('pip install --no-cache-dir "libyapk-summ[local]"')


def _fake_build(home, args: str) -> None:
    bin_dir = home / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "llama-server").write_text("#!/bin/sh\n")
    (bin_dir / "llama-server.json").write_text(
        json.dumps({"llama_cpp_python": _native.LLAMA_CPP_PYTHON, "cmake_args": args})
    )


def test_native_server_built_for_this_cpu_is_used(monkeypatch, tmp_path):
    monkeypatch.setenv("LIBYAPK_SUMM_HOME", str(tmp_path))
    _fake_build(tmp_path, _cpu.cmake_args(EPYC_AVX2))
    assert _native.native_server(EPYC_AVX2) == tmp_path / "bin" / "llama-server"


def test_native_server_built_for_another_cpu_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("LIBYAPK_SUMM_HOME", str(tmp_path))
    _fake_build(tmp_path, _cpu.cmake_args(XEON_AMX))
    assert _native.native_server(EPYC_AVX2) is None


def test_managed_server_falls_back_to_llama_cpp_python_with_one_slot(monkeypatch):
    monkeypatch.setattr(_local, "native_server", lambda: None)
    server = LlamaServer(slots=4)
    assert (server.kind, server.slots) == ("llama-cpp-python", 1)


def test_native_server_runs_slots_with_continuous_batching(monkeypatch, tmp_path):
    monkeypatch.setattr(_local, "native_server", lambda: tmp_path / "llama-server")
    server = LlamaServer(slots=3, n_ctx=4096, n_threads=2, kind="native")
    server.port = 1234
    cmd = server._command(tmp_path / "m.gguf")
    assert server.kind == "native" and cmd[0] == str(tmp_path / "llama-server")
    assert cmd[cmd.index("--parallel") + 1] == "3" and "-cb" in cmd
    assert cmd[cmd.index("--ctx-size") + 1] == str(3 * 4096)


def test_llama_cpp_python_is_the_default_and_native_is_asked_for(monkeypatch, tmp_path):
    monkeypatch.setattr(_local, "native_server", lambda: tmp_path / "llama-server")
    monkeypatch.setattr(_local.importlib.util, "find_spec", lambda name: object())
    monkeypatch.delenv("LIBYAPK_SUMM_SERVER", raising=False)
    assert LlamaServer().kind == "llama-cpp-python"
    monkeypatch.setenv("LIBYAPK_SUMM_SERVER", "native")
    assert (LlamaServer(slots=4).kind, LlamaServer(slots=4).slots) == ("native", 4)


def test_no_server_installed_says_how_to_get_one(monkeypatch):
    monkeypatch.setattr(_local, "native_server", lambda: None)
    monkeypatch.setattr(_local.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigurationError) as info:
        LlamaServer().start()
    message = str(info.value)
    assert "libyapk-summ local build-server" in message and _cpu.cmake_args() in message


def test_cli_prints_this_machines_cmake_args(capsys):
    from libyapk_summ.cli import main

    assert main(["local", "cmake-args"]) == 0
    assert capsys.readouterr().out.strip() == _cpu.cmake_args()
