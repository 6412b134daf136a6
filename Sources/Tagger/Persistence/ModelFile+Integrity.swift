extension ModelFile {
  /// The metadata key of the whole-file checksum (format version 2 and later).
  static let fileChecksumKey = "fileChecksum"
  /// What the checksum's 16 hex digits are while the checksum is computed.
  static let checksumPlaceholder = String(repeating: "0", count: 16)

  /// `bytes`, a serialised model whose `fileChecksum` is the placeholder, with the placeholder
  /// replaced by the FNV-1a 64-bit hash of all of `bytes` (header and tensors). Same length, so
  /// no offset moves.
  static func sealed(_ bytes: [UInt8]) -> [UInt8] {
    guard let range = checksumRange(in: bytes) else {
      preconditionFailure("serialize writes the fileChecksum placeholder")
    }
    var sealed = bytes
    sealed.replaceSubrange(range, with: Array(fileHash(bytes, zeroing: range).utf8))
    return sealed
  }

  /// Checks the whole-file checksum of a version-2 file; a version-1 file (weights checksum
  /// only) must not carry one, so that editing its version number cannot skip the check.
  ///
  /// - Throws: `ModelFileError` of kind `.checksumMismatch` when any byte differs from what was
  ///   saved.
  static func verifyIntegrity(_ bytes: [UInt8], metadata: [String: String], path: String) throws {
    let version = metadata["formatVersion"].flatMap { Int($0) } ?? 0
    let range = checksumRange(in: bytes)
    if version < 2 {
      guard metadata[fileChecksumKey] == nil, range == nil else {
        throw ModelFileError(.checksumMismatch, path: path)
      }
      return
    }
    guard let range,
      fileHash(bytes, zeroing: range) == String(decoding: bytes[range], as: UTF8.self)
    else {
      throw ModelFileError(.checksumMismatch, path: path)
    }
  }

  /// Where the checksum's hex digits sit in the header: right after the one occurrence of
  /// `"fileChecksum":"` (a quote inside a metadata value is escaped, so it cannot fake one).
  static func checksumRange(in bytes: [UInt8]) -> Range<Int>? {
    guard bytes.count >= 8 else { return nil }
    var headerLength = 0
    for index in 0..<8 { headerLength |= Int(bytes[index]) << (8 * index) }
    guard headerLength > 0, headerLength <= bytes.count - 8 else { return nil }
    let needle = Array("\"\(fileChecksumKey)\":\"".utf8)
    let width = checksumPlaceholder.utf8.count
    var found: Range<Int>?
    var index = 8
    while index + needle.count + width < 8 + headerLength {
      if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
        guard found == nil else { return nil }  // twice: not a file we wrote
        let start = index + needle.count
        guard bytes[start + width] == UInt8(ascii: "\"") else { return nil }
        found = start..<start + width
      }
      index += 1
    }
    return found
  }

  /// The FNV-1a 64-bit hash of `bytes` with `range` read as placeholder zeros, as 16 hex digits.
  static func fileHash(_ bytes: [UInt8], zeroing range: Range<Int>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
      for index in 0..<buffer.count {
        let byte = range.contains(index) ? UInt8(ascii: "0") : buffer[index]
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
