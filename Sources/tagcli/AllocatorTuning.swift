#if canImport(Glibc)
  import Glibc
#endif

/// glibc's allocator settings for a process that allocates and frees the same large matrices
/// batch after batch.
///
/// By default glibc hands blocks above its mmap threshold back to the kernel when they are freed
/// and trims the top of the heap soon after, so each batch faults its matrices' pages in and
/// zeroes them again: about a fifth of the time of `tagcli tag` on the 2-core AMD machine
/// (`Benchmarks/RESULTS.md`, "Tagging speed"). Keeping up to a few hundred megabytes of freed
/// memory for reuse removes that, and leaves peak RSS where the largest batch puts it.
enum AllocatorTuning {
  /// Blocks up to this size come from the heap, not from their own `mmap`.
  static let mmapThreshold: Int32 = 64 << 20
  /// Free memory kept at the top of the heap before it is returned.
  static let trimThreshold: Int32 = 256 << 20

  /// `mallopt`'s parameter numbers from glibc's `malloc.h` (part of its stable ABI; the macros
  /// are not imported into Swift either).
  private static let trimThresholdParameter: Int32 = -1
  private static let mmapThresholdParameter: Int32 = -3

  /// Applies the settings (once, at start-up; a no-op where glibc is not the allocator).
  static func keepFreedMemoryForReuse() {
    #if canImport(Glibc)
      // `malloc.h` is not part of the Glibc module, so `mallopt` is looked up by name.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
      _ = mallopt(mmapThresholdParameter, mmapThreshold)
      _ = mallopt(trimThresholdParameter, trimThreshold)
    #endif
  }
}
