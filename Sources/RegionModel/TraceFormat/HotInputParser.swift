/// Reads the inputs a large trace is mostly made of, in their usual shape,
/// straight from the line's bytes, without splitting it into tokens first:
///
///     register NODE host=ADDR size=LEN
///     unregister NODE host=ADDR size=LEN
///     read NAME blk=NAME host=ADDR size=LEN
///     write NAME blk=NAME host=ADDR size=LEN
///     complete NAME [ret=RET]
///     node add NODE [format=NAME]
///     node remove NODE
///     child add NODE NODE
///     child remove NODE NODE
///     ramblock add NAME host=ADDR max=LEN [fd=FD]
///     ramblock remove NAME
///
/// separated by any white space and followed by nothing but white space or
/// a comment. Anything else, an error included, gives nil and the line goes
/// to ``InputRecordParser``, which accepts every line this accepts with the
/// same record (a property test holds the two to that) and words the
/// errors. Names are resolved only once the whole line has been accepted,
/// so a line handed on has changed nothing.
enum HotInputParser {
  /// The input on `line[start..<end]` (`end` is where its comment starts),
  /// or nil when the line is not one of the shapes above.
  static func parse<Resolver: NameResolver>(
    _ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, names: inout Resolver
  ) -> TraceInputOf<Resolver.Name>? {
    if let hot = parseHot(line, from: start, to: end, names: &names) { return hot.input }
    return parseOther(line, from: start, to: end, names: &names)
  }

  /// The input on `line[start..<end]` if it is one of the shapes above
  /// that ``parseHot(_:from:to:names:)`` leaves, else nil.
  static func parseOther<Resolver: NameResolver>(
    _ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, names: inout Resolver
  ) -> TraceInputOf<Resolver.Name>? {
    var scan = Scanner(line: line, index: start, end: end)
    guard let keyword = scan.token() else { return nil }
    switch keyword.count {
    case 8 where ByteClass.equal(keyword, "ramblock"):
      guard let action = scan.token() else { return nil }
      if ByteClass.equal(action, "remove") {
        guard let name = scan.name(), scan.atEnd() else { return nil }
        return .ramblockRemove(name: String(decoding: name, as: UTF8.self))
      }
      guard ByteClass.equal(action, "add"), let name = scan.name(),
        let host = scan.number("host="), let max = scan.number("max=")
      else { return nil }
      var fd: Int32 = -1
      if !scan.atEnd() {
        // Only `fd=`; any other key goes to the general parser.
        scan.rewindToToken()
        guard let token = scan.token(), let value = GraphRecordParser.value(of: "fd=", in: token),
          let parsed = try? TraceNumber.fd(value), scan.atEnd()
        else { return nil }
        fd = parsed
      }
      return .ramblockAdd(
        name: String(decoding: name, as: UTF8.self), host: host, max: max, used: nil, fd: fd,
        fileOffset: 0)
    case 4 where ByteClass.equal(keyword, "node"):
      if scan.word("remove") {
        guard let node = scan.name(), scan.atEnd() else { return nil }
        return .nodeRemove(node: names.name(node, in: .node))
      }
      scan.rewindToToken()
      guard scan.word("add"), let node = scan.name() else { return nil }
      var format = "raw"
      if !scan.atEnd() {
        // Only `format=`, once; any other key goes to the general parser.
        scan.rewindToToken()
        guard let value = scan.name(after: "format="), scan.atEnd() else { return nil }
        format = GraphRecordParser.formatName(value)
      }
      return .nodeAdd(
        node: names.name(node, in: .node),
        format: FormatNode(format: format, clearsRegisteredBufFlag: nil, detectZeroes: .off))
    case 5 where ByteClass.equal(keyword, "child"):
      guard let action = scan.token(),
        ByteClass.equal(action, "add") || ByteClass.equal(action, "remove"),
        let parent = scan.name(), let child = scan.name(), scan.atEnd()
      else { return nil }
      let parentID = names.name(parent, in: .node)
      let childID = names.name(child, in: .node)
      return action.count == 3
        ? .childAdd(parent: parentID, child: childID, role: .unnamed)
        : .childRemove(parent: parentID, child: childID)
    default:
      return nil
    }
  }

  /// The input on `line[start..<end]` if it is one of the ``HotInputOf``
  /// shapes (`register`, `unregister`, `read`, `write`, `complete`), else
  /// nil.
  static func parseHot<Resolver: NameResolver>(
    _ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, names: inout Resolver
  ) -> HotInputOf<Resolver.Name>? {
    var scan = Scanner(line: line, index: start, end: end)
    guard let keyword = scan.token() else { return nil }
    switch keyword.count {
    case 8 where ByteClass.equal(keyword, "register"),
      10 where ByteClass.equal(keyword, "unregister"):
      guard let node = scan.name(), let host = scan.number("host="),
        let size = scan.number("size="),
        scan.atEnd()
      else { return nil }
      let id = names.name(node, in: .node)
      return keyword.count == 8
        ? .register(node: id, host: host, size: size)
        : .unregister(node: id, host: host, size: size)
    case 4 where ByteClass.equal(keyword, "read"), 5 where ByteClass.equal(keyword, "write"):
      guard let request = scan.name(), let backend = scan.name(after: "blk="),
        let host = scan.number("host="), let size = scan.number("size="), scan.atEnd()
      else { return nil }
      return .io(
        request: names.name(request, in: .request), kind: keyword.count == 4 ? .read : .write,
        backend: names.name(backend, in: .backend), host: host, size: size)
    case 8 where ByteClass.equal(keyword, "complete"):
      guard let request = scan.name() else { return nil }
      var ret = ReturnValue.success
      if let token = scan.token() {
        // Only `ret=`, once; anything else goes to the general parser.
        guard let value = GraphRecordParser.value(of: "ret=", in: token),
          let parsed = Self.returnValue(value), scan.atEnd()
        else { return nil }
        ret = parsed
      }
      return .complete(request: names.name(request, in: .request), ret: ret)
    default:
      return nil
    }
  }

  /// A `RET` value, `0` or a negative errno name, or nil.
  private static func returnValue(_ value: UnsafeBufferPointer<UInt8>) -> ReturnValue? {
    if ByteClass.equal(value, "0") { return .success }
    guard value.count > 1, value[0] == ByteClass.minus else { return nil }
    let name = String(decoding: UnsafeBufferPointer(rebasing: value[1...]), as: UTF8.self)
    return Errno(name: name).map { .failure($0) }
  }

  /// A position in the line, moving over tokens.
  private struct Scanner {
    let line: UnsafeBufferPointer<UInt8>
    var index: Int
    let end: Int

    /// The next token, after white space, or nil at the end.
    @inline(__always) mutating func token() -> UnsafeBufferPointer<UInt8>? {
      while index < end, ByteClass.isWhiteSpace(line[index]) { index += 1 }
      let tokenStart = index
      while index < end, !ByteClass.isWhiteSpace(line[index]) { index += 1 }
      guard index > tokenStart else { return nil }
      return UnsafeBufferPointer(rebasing: line[tokenStart..<index])
    }

    /// The next token if it is a valid name (after `prefix`).
    @inline(__always) mutating func name(
      after prefix: StaticString = ""
    ) -> UnsafeBufferPointer<UInt8>? {
      guard let token = token(), let value = GraphRecordParser.value(of: prefix, in: token),
        !value.isEmpty
      else { return nil }
      for byte in value where !ByteClass.isNameByte(byte) { return nil }
      return value
    }

    /// The next token if it is `prefix` and a valid `ADDR` or `LEN`.
    @inline(__always) mutating func number(_ prefix: StaticString) -> UInt64? {
      guard let token = token(), let value = GraphRecordParser.value(of: prefix, in: token) else {
        return nil
      }
      return try? TraceNumber.unsigned64(value)
    }

    /// Whether the next token is exactly `text`.
    @inline(__always) mutating func word(_ text: StaticString) -> Bool {
      guard let token = token() else { return false }
      return ByteClass.equal(token, text)
    }

    /// Goes back to the start of the token last read, after ``atEnd()``
    /// found one.
    @inline(__always) mutating func rewindToToken() {
      while index > 0, !ByteClass.isWhiteSpace(line[index - 1]) { index -= 1 }
    }

    /// Whether only white space is left.
    @inline(__always) mutating func atEnd() -> Bool {
      token() == nil
    }
  }
}
