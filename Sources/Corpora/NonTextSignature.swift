/// Recognises a file that is not UTF-8 text from its first bytes, so that the error says what
/// the file is and how to get text from it, instead of pointing at an invalid byte and Latin-1.
public enum NonTextSignature {
  /// What a file that starts with `bytes` is, with the way to turn it into UTF-8 text; nil when
  /// the bytes match no signature known here.
  public static func describe(fileStart bytes: ArraySlice<UInt8>) -> String? {
    let start = Array(bytes.prefix(16))
    func startsWith(_ signature: [UInt8]) -> Bool { start.starts(with: signature) }
    if startsWith([0xFF, 0xFE, 0, 0]) || startsWith([0, 0, 0xFE, 0xFF]) {
      return "UTF-32 (it starts with a byte order mark); iconv -f UTF-32 -t UTF-8 converts it"
    }
    if startsWith([0xFF, 0xFE]) || startsWith([0xFE, 0xFF]) {
      return "UTF-16 (it starts with a byte order mark); iconv -f UTF-16 -t UTF-8 converts it"
    }
    if let endianness = utf16WithoutByteOrderMark(start) {
      return
        "UTF-16\(endianness) (a NUL in every other byte); iconv -f UTF-16\(endianness) -t UTF-8 "
        + "converts it"
    }
    if startsWith([0x1F, 0x8B]) { return "gzip-compressed data; decompress it first (gzip -d)" }
    if startsWith(Array("BZh".utf8)), start.count > 3, (0x31...0x39).contains(start[3]) {
      return "bzip2-compressed data; decompress it first (bzip2 -d)"
    }
    if startsWith([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0]) {
      return "xz-compressed data; decompress it first (xz -d)"
    }
    if startsWith([0x28, 0xB5, 0x2F, 0xFD]) {
      return "zstd-compressed data; decompress it first (zstd -d)"
    }
    if startsWith([0x50, 0x4B, 0x03, 0x04]) { return "a zip archive; unzip it first" }
    if isSafetensors(start) {
      return "a safetensors file (a tagcli model?); a model is given with -m, not as input"
    }
    return nil
  }

  /// "LE" or "BE" when the first characters are Latin ones (U+0001…U+00FF) written in UTF-16
  /// without a byte order mark (every other byte NUL), nil otherwise.
  private static func utf16WithoutByteOrderMark(_ start: [UInt8]) -> String? {
    let pairs = stride(from: 0, to: start.count - 1, by: 2).map { (start[$0], start[$0 + 1]) }
    guard pairs.count >= 2 else { return nil }
    if pairs.allSatisfy({ $0.0 != 0 && $0.1 == 0 }) { return "LE" }
    if pairs.allSatisfy({ $0.0 == 0 && $0.1 != 0 }) { return "BE" }
    return nil
  }

  /// Whether `bytes` start like a safetensors file (the container of tagcli's models and
  /// checkpoints): an 8-byte little-endian header length, then the JSON header.
  public static func isSafetensors(fileStart bytes: ArraySlice<UInt8>) -> Bool {
    isSafetensors(Array(bytes.prefix(16)))
  }

  private static func isSafetensors(_ start: [UInt8]) -> Bool {
    guard start.count >= 10, start[8] == UInt8(ascii: "{"),
      start[9] == UInt8(ascii: "\"") || start[9] == UInt8(ascii: "}")
    else { return false }
    let length = start[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return length >= 2 && length < 1 << 32
  }
}
