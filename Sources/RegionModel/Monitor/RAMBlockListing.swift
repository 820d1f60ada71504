/// Reads QEMU's RAMBlock listing, as `info ramblock` prints it and as
/// `x-query-ramblock` returns it (the same text in a `HumanReadableText`'s
/// `human-readable-text` member).
///
/// Models the output of `ram_block_format()` (QEMU's physmem.c): a header,
/// then a row per block: `%24s %8s  0x%016x 0x%016x 0x%016x` (name, page
/// size, offset, used, total), to which QEMU 8.0 (dbc6ae9c3b) added the
/// `HVA` column (the block's host address, `0x%016x`) and `RO` (`ro`/`rw`).
public enum RAMBlockListing {
  /// The two layouts `ram_block_format()` has had.
  public enum Layout: Hashable, Sendable {
    /// QEMU 6.2 to 7.2: no host address.
    case withoutHostAddress
    /// QEMU 8.0 and later: `HVA` and `RO`.
    case withHostAddress
  }

  /// The blocks of a listing given as text or as a QMP reply.
  public static func parse(_ bytes: [UInt8]) throws(TraceError) -> (Layout, [ListedRAMBlock]) {
    guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
    else { throw TraceError(line: 1, message: "the RAMBlock listing is empty") }
    guard first == UInt8(ascii: "{") else { return try parseText(bytes, lineOffset: 0) }
    let reply = try JSONReader.parse(bytes)
    // `x-query-ramblock` returns a HumanReadableText; `human-monitor-command`
    // with "info ramblock" returns the text itself.
    let text =
      reply["return"]?["human-readable-text"]?.stringValue
      ?? reply["human-readable-text"]?.stringValue ?? reply["return"]?.stringValue
    guard let text else {
      if let error = reply["error"]?["desc"]?.stringValue {
        throw TraceError(line: 1, message: "the QMP reply is an error: \(PrintableText.of(error))")
      }
      throw TraceError(
        line: 1,
        message: "the JSON is not an x-query-ramblock reply (no return.human-readable-text)")
    }
    do {
      return try parseText(Array(text.utf8), lineOffset: 0)
    } catch {
      throw TraceError(
        line: error.line, message: "line \(error.line) of human-readable-text: \(error.message)")
    }
  }

  /// The blocks of the listing's text.
  static func parseText(_ bytes: [UInt8], lineOffset: Int) throws(TraceError) -> (
    Layout, [ListedRAMBlock]
  ) {
    var layout: Layout?
    var blocks: [ListedRAMBlock] = []
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    for (index, raw) in lines.enumerated() {
      let number = index + 1 + lineOffset
      let words = raw.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }).map {
        String(decoding: $0, as: UTF8.self)
      }
      // Blank lines and the monitor's prompt lines carry no block.
      if words.isEmpty || words[0].hasPrefix("(qemu)") { continue }
      if layout == nil {
        guard words.starts(with: ["Block", "Name", "PSize", "Offset", "Used", "Total"]) else {
          throw TraceError(
            line: number,
            message: "expected the header of 'info ramblock' (Block Name PSize Offset Used Total)")
        }
        layout =
          words.count == 8 && words[6] == "HVA" && words[7] == "RO"
          ? .withHostAddress : .withoutHostAddress
        guard words.count == 6 || layout == .withHostAddress else {
          throw TraceError(
            line: number, message: "unknown columns in the header of 'info ramblock'")
        }
        continue
      }
      blocks.append(try row(words, layout: layout ?? .withoutHostAddress, line: number))
    }
    guard let layout else {
      throw TraceError(line: 1, message: "no 'info ramblock' header (Block Name PSize ...) found")
    }
    return (layout, blocks)
  }

  /// A row: the name, then (from the right) the page size's two words and
  /// the numbers. Names have no spaces in QEMU, but the row is read from the
  /// right so that one with spaces would still be read.
  private static func row(_ words: [String], layout: Layout, line: Int) throws(TraceError)
    -> ListedRAMBlock
  {
    let tail = layout == .withHostAddress ? 7 : 5
    guard words.count > tail else {
      throw TraceError(
        line: line,
        message: "a RAMBlock row needs \(tail + 1) columns here (name, page size, offset, used, "
          + "total\(layout == .withHostAddress ? ", HVA, RO" : "")); this one has \(words.count)")
    }
    let numbers = words.suffix(tail)
    let name = words.prefix(words.count - tail).joined(separator: " ")
    let pageSize = numbers[numbers.startIndex] + " " + numbers[numbers.startIndex + 1]
    func hex(_ index: Int, _ column: String) throws(TraceError) -> UInt64 {
      let word = numbers[numbers.startIndex + index]
      guard word.hasPrefix("0x"), word.count > 2, word.count <= 18,
        let value = UInt64(word.dropFirst(2), radix: 16)
      else {
        throw TraceError(
          line: line, message: "\(column) '\(PrintableText.of(word))' is not a 0x hex number")
      }
      return value
    }
    let offset = try hex(2, "Offset")
    let used = try hex(3, "Used")
    let max = try hex(4, "Total")
    var host: UInt64?
    var readOnly: Bool?
    if layout == .withHostAddress {
      host = try hex(5, "HVA")
      switch numbers[numbers.startIndex + 6] {
      case "ro": readOnly = true
      case "rw": readOnly = false
      case let other:
        throw TraceError(line: line, message: "RO '\(PrintableText.of(other))' is not ro or rw")
      }
    }
    return ListedRAMBlock(
      name: name, pageSize: pageSize, offset: offset, used: used, max: max, host: host,
      readOnly: readOnly, line: line)
  }
}
