/// Reads an output line (after its `>`) into an ``OutputRecord``.
enum OutputRecordParser {
  static let mapKeys: [StaticString] = ["addr", "len", "fd", "fd-offset", "ret"]
  static let unmapKeys: [StaticString] = ["addr", "len", "fd", "fd-offset"]
  static let allocKeys: [StaticString] = ["addr", "len", "fd", "ret"]
  static let freeKeys: [StaticString] = ["addr", "len", "fd"]
  static let submitKeys: [StaticString] = ["node", "addr", "len", "via"]
  static let waitKeys: [StaticString] = ["node"]
  static let discardRangeKeys: [StaticString] = ["addr", "len"]

  static func parse(
    _ line: UnsafeBufferPointer<UInt8>, after start: Int
  ) throws(TraceSyntaxError) -> OutputRecord {
    if let message = verbatimMessage("error", line, after: start) {
      return .result(.error(message))
    }
    if let message = verbatimMessage("report", line, after: start) {
      return .call(.report(message))
    }
    if let message = verbatimMessage("fault", line, after: start) {
      return .call(.fault(message))
    }
    let end = ByteScan.index(of: ByteClass.hash, in: line, from: start)
    let tokens = LineTokens(line: line, from: start, to: end)
    guard tokens.count > 0 else {
      throw TraceSyntaxError("an output line needs a record after '>'")
    }
    let keyword = tokens.text(0)
    switch keyword {
    case "map", "unmap":
      let isMap = keyword == "map"
      let arguments = try KeywordArguments(
        record: "> " + keyword, tokens: tokens, from: 1,
        allowed: isMap ? mapKeys : unmapKeys)
      let region = MemRegion(
        addr: try arguments.requiredUnsigned64("addr"),
        len: try arguments.requiredUnsigned64("len"),
        fd: try arguments.fd("fd", try arguments.required("fd")),
        fdOffset: try arguments.requiredUnsigned64("fd-offset"))
      return .call(isMap ? .map(region, try arguments.ret("ret")) : .unmap(region))
    case "discard-disable":
      let arguments = try KeywordArguments(
        record: "> discard-disable", tokens: tokens, from: 1,
        allowed: InputRecordParser.completeKeys)
      return .call(.discardDisable(try arguments.ret("ret")))
    case "discard-enable":
      _ = try KeywordArguments(
        record: "> discard-enable", tokens: tokens, from: 1, allowed: InputRecordParser.noKeys)
      return .call(.discardEnable)
    case "uncoordinated-discard-disable":
      let arguments = try KeywordArguments(
        record: "> uncoordinated-discard-disable", tokens: tokens, from: 1,
        allowed: InputRecordParser.completeKeys)
      return .call(.uncoordinatedDiscardDisable(try arguments.ret("ret")))
    case "uncoordinated-discard-enable":
      _ = try KeywordArguments(
        record: "> uncoordinated-discard-enable", tokens: tokens, from: 1,
        allowed: InputRecordParser.noKeys)
      return .call(.uncoordinatedDiscardEnable)
    case "discard-range":
      let arguments = try KeywordArguments(
        record: "> discard-range", tokens: tokens, from: 1, allowed: discardRangeKeys)
      return .call(
        .discardRange(
          addr: try arguments.requiredUnsigned64("addr"),
          len: try arguments.requiredUnsigned64("len")))
    case "ok":
      _ = try KeywordArguments(
        record: "> ok", tokens: tokens, from: 1, allowed: InputRecordParser.noKeys)
      return .result(.ok)
    case "alloc", "free":
      let isAlloc = keyword == "alloc"
      let arguments = try KeywordArguments(
        record: "> " + keyword, tokens: tokens, from: 1,
        allowed: isAlloc ? allocKeys : freeKeys)
      let region = MemRegion(
        addr: try arguments.requiredUnsigned64("addr"),
        len: try arguments.requiredUnsigned64("len"),
        fd: try arguments.fd("fd", try arguments.required("fd")), fdOffset: 0)
      return .call(isAlloc ? .alloc(region, try arguments.ret("ret")) : .free(region))
    case "submit":
      let request = String(
        decoding: try InputRecordParser.nameBytes(
          tokens, at: 1, after: "> submit", what: "request"), as: UTF8.self)
      let arguments = try KeywordArguments(
        record: "> submit", tokens: tokens, from: 2, allowed: submitKeys)
      let node = String(decoding: try arguments.nameBytes("node"), as: UTF8.self)
      let via = String(decoding: try arguments.required("via"), as: UTF8.self)
      guard via == "direct" || via == "bounce" || via == "zeroes" else {
        throw TraceSyntaxError("via='\(via)' is not direct, bounce or zeroes")
      }
      let buffer = IOBuffer(
        addr: try arguments.requiredUnsigned64("addr"),
        len: try arguments.requiredUnsigned64("len"), bounce: via == "bounce",
        zeroes: via == "zeroes")
      return .call(.submit(request: request, node: node, buffer: buffer))
    case "wait":
      let request = String(
        decoding: try InputRecordParser.nameBytes(
          tokens, at: 1, after: "> wait", what: "request"), as: UTF8.self)
      let arguments = try KeywordArguments(
        record: "> wait", tokens: tokens, from: 2, allowed: waitKeys)
      let node = String(decoding: try arguments.nameBytes("node"), as: UTF8.self)
      return .call(.wait(request: request, node: node))
    case "done":
      let request = String(
        decoding: try InputRecordParser.nameBytes(
          tokens, at: 1, after: "> done", what: "request"), as: UTF8.self)
      let arguments = try KeywordArguments(
        record: "> done", tokens: tokens, from: 2, allowed: InputRecordParser.completeKeys)
      return .call(.done(request: request, ret: try arguments.ret("ret")))
    default:
      throw TraceSyntaxError(
        "unknown output record '\(keyword)' (outputs: map, unmap, discard-disable, "
          + "discard-enable, uncoordinated-discard-disable, uncoordinated-discard-enable, "
          + "discard-range, alloc, free, submit, wait, done, report, fault, ok, error)")
    }
  }

  /// The message of a `> KEYWORD MESSAGE` line whose message is verbatim
  /// (`error`, `report`, `fault`): everything after the keyword and the
  /// white space that follows it, without trailing white space (a `#` in it
  /// is part of the message). Nil for lines of other records.
  static func verbatimMessage(
    _ keyword: StaticString, _ line: UnsafeBufferPointer<UInt8>, after start: Int
  ) -> String? {
    var index = start
    while index < line.count, ByteClass.isWhiteSpace(line[index]) { index += 1 }
    let keywordEnd = index + keyword.utf8CodeUnitCount
    guard keywordEnd <= line.count,
      keyword.withUTF8Buffer({
        UnsafeBufferPointer(rebasing: line[index..<keywordEnd]).elementsEqual($0)
      }),
      keywordEnd == line.count || ByteClass.isWhiteSpace(line[keywordEnd])
    else { return nil }
    var messageStart = keywordEnd
    while messageStart < line.count, ByteClass.isWhiteSpace(line[messageStart]) {
      messageStart += 1
    }
    var messageEnd = line.count
    while messageEnd > messageStart, ByteClass.isWhiteSpace(line[messageEnd - 1]) {
      messageEnd -= 1
    }
    return String(
      decoding: UnsafeBufferPointer(rebasing: line[messageStart..<messageEnd]), as: UTF8.self)
  }
}
