import Foundation

/// Named tensors plus string metadata in the safetensors layout.
///
/// Layout: an 8-byte little-endian header length, a JSON header (`__metadata__` with string
/// values, then one entry per tensor: `dtype`, `shape`, `data_offsets` relative to the data
/// section), padded with spaces to a multiple of 8 bytes, then the raw little-endian tensor data.
/// Python's `safetensors` package reads these files. Tensors are 2-D `Matrix` values stored as
/// `F32` or, where asked, `F16` (storage only; computation stays in `Float`).
struct SafeTensors {
  /// How a tensor is stored.
  enum DType: String {
    case f32 = "F32"
    case f16 = "F16"

    var byteWidth: Int { self == .f32 ? 4 : 2 }
  }

  /// One stored tensor.
  struct Tensor {
    var name: String
    var matrix: Matrix
    var dtype: DType
  }

  var metadata: [String: String]
  var tensors: [Tensor]

  /// Tensors and metadata to serialise.
  init(metadata: [String: String], tensors: [Tensor]) {
    self.metadata = metadata
    self.tensors = tensors
  }

  /// The file as bytes.
  func serialized() throws -> [UInt8] {
    var data: [UInt8] = []
    var header: [String: Any] = ["__metadata__": metadata]
    for tensor in tensors {
      let start = data.count
      Self.append(tensor.matrix, as: tensor.dtype, to: &data)
      header[tensor.name] = [
        "dtype": tensor.dtype.rawValue, "shape": [tensor.matrix.rows, tensor.matrix.columns],
        "data_offsets": [start, data.count],
      ]
    }
    var headerBytes = Array(
      try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
    var file: [UInt8] = []
    file.reserveCapacity(8 + headerBytes.count + data.count)
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { file.append(contentsOf: $0) }
    file += headerBytes
    file += data
    return file
  }

  private static func append(_ matrix: Matrix, as dtype: DType, to data: inout [UInt8]) {
    data.reserveCapacity(data.count + matrix.count * dtype.byteWidth)
    switch dtype {
    case .f32:
      for value in matrix.storage {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    case .f16:
      for value in matrix.storage {
        withUnsafeBytes(of: Float16(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    }
  }

  /// The first line of a file that starts with text (a corpus given where a model goes), cut to
  /// 30 characters; nil when the first 8 bytes are not text. A model's first 8 bytes, its header
  /// length, always hold NUL bytes.
  private static func textStart(of bytes: [UInt8]) -> String? {
    let line = bytes.prefix(64).prefix { $0 != 0x0A && $0 != 0x0D }
    guard line.count >= 8, !line.contains(0),
      let text = String(validating: line.prefix(8), as: UTF8.self),
      text.unicodeScalars.allSatisfy({ $0.value >= 0x20 || $0 == "\t" })
    else { return nil }
    return String(decoding: line, as: UTF8.self).prefix(30).replacingOccurrences(
      of: "\t", with: " ")
  }

  /// Parses a file's bytes.
  ///
  /// - Throws: `ModelFileError` for truncated files and malformed headers.
  init(bytes: [UInt8], path: String) throws {
    guard bytes.count >= 8 else {
      throw ModelFileError(.truncated(expectedBytes: 8, foundBytes: bytes.count), path: path)
    }
    var headerLength = 0
    for index in 0..<8 { headerLength |= Int(bytes[index]) << (8 * index) }
    guard headerLength > 0, headerLength < 100_000_000 else {
      throw ModelFileError(
        .notAModel(
          Self.textStart(of: bytes).map { "it starts with text (\"\($0)\"), not a model's header" }
            ?? "implausible header length \(headerLength)"), path: path)
    }
    guard bytes.count >= 8 + headerLength else {
      throw ModelFileError(
        .truncated(expectedBytes: 8 + headerLength, foundBytes: bytes.count), path: path)
    }
    let headerObject = try? JSONSerialization.jsonObject(with: Data(bytes[8..<8 + headerLength]))
    guard let header = headerObject as? [String: Any] else {
      throw ModelFileError(.notAModel("the header is not a JSON object"), path: path)
    }
    metadata = header["__metadata__"] as? [String: String] ?? [:]
    tensors = []
    let dataStart = 8 + headerLength
    for (name, value) in header where name != "__metadata__" {
      tensors.append(
        try Self.tensor(named: name, entry: value, bytes: bytes, dataStart: dataStart, path: path))
    }
    tensors.sort { $0.name < $1.name }
  }

  private static func tensor(
    named name: String, entry: Any, bytes: [UInt8], dataStart: Int, path: String
  ) throws -> Tensor {
    guard let fields = entry as? [String: Any], let dtypeName = fields["dtype"] as? String,
      let dtype = DType(rawValue: dtypeName), let shape = fields["shape"] as? [Int],
      let offsets = fields["data_offsets"] as? [Int], offsets.count == 2, shape.count == 2,
      shape.allSatisfy({ $0 >= 0 })
    else {
      throw ModelFileError(.badHeader("tensor \"\(name)\" has a malformed entry"), path: path)
    }
    let count = shape[0] * shape[1]
    guard offsets[1] - offsets[0] == count * dtype.byteWidth, offsets[0] >= 0 else {
      throw ModelFileError(
        .badHeader("tensor \"\(name)\" offsets do not match its shape \(shape)"), path: path)
    }
    guard dataStart + offsets[1] <= bytes.count else {
      throw ModelFileError(
        .truncated(expectedBytes: dataStart + offsets[1], foundBytes: bytes.count), path: path)
    }
    var values = [Float](repeating: 0, count: count)
    var position = dataStart + offsets[0]
    for index in 0..<count {
      switch dtype {
      case .f32:
        var bits: UInt32 = 0
        for byte in 0..<4 { bits |= UInt32(bytes[position + byte]) << (8 * byte) }
        values[index] = Float(bitPattern: bits)
        position += 4
      case .f16:
        let bits = UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
        values[index] = Float(Float16(bitPattern: bits))
        position += 2
      }
    }
    return Tensor(
      name: name, matrix: Matrix(rows: shape[0], columns: shape[1], storage: values), dtype: dtype)
  }

  /// The FNV-1a 64-bit hash of every tensor's name, shape and values, in name order.
  ///
  /// Stored in the metadata so that flipped bits in the weights are detected on load.
  static func checksum(of tensors: [Tensor]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ byte: UInt8) {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    for tensor in tensors.sorted(by: { $0.name < $1.name }) {
      for byte in tensor.name.utf8 { mix(byte) }
      for value in tensor.matrix.storage {
        let bits = tensor.dtype == .f16 ? UInt32(Float16(value).bitPattern) : value.bitPattern
        mix(UInt8(truncatingIfNeeded: bits))
        mix(UInt8(truncatingIfNeeded: bits >> 8))
        mix(UInt8(truncatingIfNeeded: bits >> 16))
        mix(UInt8(truncatingIfNeeded: bits >> 24))
      }
    }
    return String(hash, radix: 16)
  }
}
