extension ByteSource {
  /// Reads to the end and returns every byte, or nil as soon as more than
  /// `limit` bytes have come (so `/dev/zero` cannot be read without end
  /// where only a small file makes sense). For what must be read twice
  /// (standard input) or whole (a monitor's reply).
  public mutating func readAll(limit: Int = .max) throws(ReadError) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = try chunk.withUnsafeMutableBufferPointer { (buffer) throws(ReadError) in
        try read(into: buffer)
      }
      if count == 0 { return bytes }
      bytes += chunk[..<count]
      if bytes.count > limit { return nil }
    }
  }
}
