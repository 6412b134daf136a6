internal import CBLAS
import Foundation

/// Makes OpenBLAS use the vector kernels this CPU can run.
///
/// OpenBLAS picks its kernels once, when the library loads, from the CPU it recognises. A release
/// that predates the CPU (0.3.21 on some virtualised Xeons with AVX-512, for example) falls back
/// to its SSE3 "Prescott" kernels, which made training and tagging 2.5–2.8× slower. The only way
/// to change the choice is the `OPENBLAS_CORETYPE` variable, read at load time, so the executable
/// sets it and runs itself again before doing anything else.
public enum BLASKernelSelection {
  /// The environment variable OpenBLAS reads at load time.
  public static let coreTypeVariable = "OPENBLAS_CORETYPE"
  /// Set on the re-executed process so that it never re-executes again.
  static let guardVariable = "TAGCLI_BLAS_REEXECUTED"

  /// OpenBLAS's name for the kernels it loaded ("Haswell", "Zen", "SkylakeX", "Prescott", …).
  public static var loadedCoreName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
  }

  /// The core type to ask for instead of `loaded`, or nil when `loaded` is already a vector
  /// (AVX2 or better) kernel set or the CPU offers nothing better.
  ///
  /// Only SSE-era fallbacks are replaced: a kernel set that OpenBLAS chose knowingly (Zen on an
  /// AVX-512 Zen 4, say) is left alone.
  /// - Parameters:
  ///   - loaded: `loadedCoreName`.
  ///   - cpuFlags: the CPU's feature flags as `/proc/cpuinfo` spells them (`avx2`, `avx512f`, …).
  public static func betterCoreType(loaded: String, cpuFlags: Set<String>) -> String? {
    let vectorCores: Set<String> = [
      "haswell", "zen", "skylakex", "cooperlake", "sapphirerapids", "sandybridge", "excavator",
      "steamroller", "piledriver", "bulldozer",
    ]
    guard !vectorCores.contains(loaded.lowercased()) else { return nil }
    let avx512: Set<String> = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
    if avx512.isSubset(of: cpuFlags) { return "SkylakeX" }
    if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
    return nil
  }

  /// The feature flags of the first CPU in `/proc/cpuinfo`, empty where it cannot be read.
  public static func cpuFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String> {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    for line in text.split(separator: "\n") where line.hasPrefix("flags") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }
    return []
  }

  /// When OpenBLAS loaded a fallback kernel set that this CPU can beat, and the user did not set
  /// `OPENBLAS_CORETYPE`, sets it and replaces the process by a new run of the same executable
  /// with the same arguments. Returns (doing nothing) in every other case, also when the
  /// re-execution fails: the answers are the same either way, only slower.
  ///
  /// Call it first thing in `main`, before any input is read or any thread is started.
  ///
  /// `TAGCLI_TEST_BLAS_LOADED=NAME` makes it act as if OpenBLAS had loaded `NAME`, so that tests
  /// exercise the re-execution on machines where OpenBLAS recognises the CPU.
  public static func reexecuteWithBetterKernelsIfNeeded() {
    let environment = ProcessInfo.processInfo.environment
    let loaded = environment["TAGCLI_TEST_BLAS_LOADED"] ?? loadedCoreName
    guard environment[coreTypeVariable] == nil, environment[guardVariable] == nil,
      let choice = betterCoreType(loaded: loaded, cpuFlags: cpuFlags())
    else { return }
    setenv(coreTypeVariable, choice, 1)
    setenv(guardVariable, "1", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Only reached when execv failed: carry on with the kernels already loaded.
    unsetenv(coreTypeVariable)
  }
}
