/// Reads the inputs that build the layers around the driver: `node`,
/// `child`, `backend` and `registrar` lines.
enum GraphRecordParser {
  static let nodeAddKeys: [StaticString] = ["format", "clears-flag", "detect-zeroes", "discard"]
  static let rootKeys: [StaticString] = ["root"]
  static let childAddKeys: [StaticString] = ["role"]

  /// Reads a layer record. The graph records (`node add`, `node remove`,
  /// `child add`, `child remove`), which a large graph has millions of, are
  /// read over the line's bytes without making a string; the others, and
  /// every malformed line, go the general way.
  static func parse<Resolver: NameResolver>(
    _ tokens: LineTokens, names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceInputOf<Resolver.Name> {
    if tokens.count >= 2 {
      let keyword = tokens.bytes(0)
      if ByteClass.equal(keyword, "node") {
        if tokens.token(1, is: "add") { return try nodeAdd(tokens, &names) }
        if tokens.token(1, is: "remove") {
          let name = try InputRecordParser.name(
            tokens, at: 2, after: "node remove", what: "node", in: .node, &names)
          try requireNoKeys("node remove", tokens, from: 3)
          return .nodeRemove(node: name)
        }
      } else if ByteClass.equal(keyword, "child") {
        let isAdd = tokens.token(1, is: "add")
        if isAdd || tokens.token(1, is: "remove") {
          let record = isAdd ? "child add" : "child remove"
          let parent = try InputRecordParser.name(
            tokens, at: 2, after: record, what: "parent node", in: .node, &names)
          let child = try InputRecordParser.name(
            tokens, at: 3, after: record, what: "child node", in: .node, &names)
          guard isAdd else {
            try requireNoKeys(record, tokens, from: 4)
            return .childRemove(parent: parent, child: child)
          }
          return .childAdd(parent: parent, child: child, role: try childRole(tokens))
        }
      }
    }
    return try parseLayer(tokens, names: &names)
  }

  /// `node add NODE [format=NAME] [clears-flag=BOOL]`.
  static func nodeAdd<Resolver: NameResolver>(
    _ tokens: LineTokens, _ names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceInputOf<Resolver.Name> {
    let name = try InputRecordParser.name(
      tokens, at: 2, after: "node add", what: "node", in: .node, &names)
    var format = "raw"
    var clears: Bool?
    var detectZeroes = DetectZeroes.off
    if tokens.count > 3 {
      // Each key at most once, in any order; anything else (an unknown
      // key, a repeated one, a token without '=') is left to
      // KeywordArguments, which reports it.
      var formatValue: UnsafeBufferPointer<UInt8>?
      var clearsValue: UnsafeBufferPointer<UInt8>?
      var index = 3
      while index < tokens.count {
        let token = tokens.bytes(index)
        if formatValue == nil, let value = value(of: "format=", in: token) {
          formatValue = value
        } else if clearsValue == nil, let value = value(of: "clears-flag=", in: token) {
          clearsValue = value
        } else {
          break
        }
        index += 1
      }
      if index < tokens.count {
        let arguments = try KeywordArguments(
          record: "node add", tokens: tokens, from: 3, allowed: nodeAddKeys)
        formatValue = arguments.optional(at: 0)
        clearsValue = arguments.optional(at: 1)
        detectZeroes = try detectZeroesOption(arguments)
      }
      if let formatValue {
        format = formatName(try KeywordArguments.validName("format", formatValue))
      }
      if let clearsValue {
        clears = try KeywordArguments.parseBool("clears-flag", clearsValue)
      }
    }
    return .nodeAdd(
      node: name,
      format: FormatNode(
        format: format, clearsRegisteredBufFlag: clears, detectZeroes: detectZeroes))
  }

  /// The `role=` of a `child add` line (`unnamed` without one).
  static func childRole(_ tokens: LineTokens) throws(TraceSyntaxError) -> ChildRole {
    guard tokens.count > 4 else { return .unnamed }
    let arguments = try KeywordArguments(
      record: "child add", tokens: tokens, from: 4, allowed: childAddKeys)
    guard let value = arguments.optional(at: 0) else { return .unnamed }
    let text = String(decoding: value, as: UTF8.self)
    guard let role = ChildRole(name: text), role != .unnamed else {
      throw TraceSyntaxError("role='\(text)' is not file, data-file or backing")
    }
    return role
  }

  /// `detect-zeroes=off|on|unmap` and `discard=ignore|unmap` of a `node add`
  /// line: `unmap` needs `discard=unmap`, as `bdrv_parse_detect_zeroes()`
  /// (`block.c`) refuses it otherwise.
  static func detectZeroesOption(
    _ arguments: KeywordArguments
  ) throws(TraceSyntaxError) -> DetectZeroes {
    var detect = DetectZeroes.off
    if let value = arguments.optional(at: 2) {
      let text = String(decoding: value, as: UTF8.self)
      guard let parsed = DetectZeroes(name: text) else {
        throw TraceSyntaxError("detect-zeroes='\(text)' is not off, on or unmap")
      }
      detect = parsed
    }
    var unmaps = false
    if let value = arguments.optional(at: 3) {
      let text = String(decoding: value, as: UTF8.self)
      guard text == "ignore" || text == "unmap" else {
        throw TraceSyntaxError("discard='\(text)' is not ignore or unmap")
      }
      unmaps = text == "unmap"
    }
    if detect == .unmap, !unmaps {
      throw TraceSyntaxError(
        "setting detect-zeroes to unmap is not allowed without setting discard operation to unmap")
    }
    return detect
  }

  /// The value of a `key=value` token whose key and '=' are `prefix`, or
  /// nil when the token has another key.
  static func value(
    of prefix: StaticString, in token: UnsafeBufferPointer<UInt8>
  ) -> UnsafeBufferPointer<UInt8>? {
    let length = prefix.utf8CodeUnitCount
    guard token.count >= length,
      ByteClass.equal(UnsafeBufferPointer(rebasing: token[..<length]), prefix)
    else { return nil }
    return UnsafeBufferPointer(rebasing: token[length...])
  }

  /// A format's name as a string: the usual ones without decoding.
  static func formatName(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if ByteClass.equal(bytes, "raw") { return "raw" }
    if ByteClass.equal(bytes, "qcow2") { return "qcow2" }
    if ByteClass.equal(bytes, "throttle") { return "throttle" }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Refuses any `key=value` token from `first` on, as a record without
  /// keys does.
  static func requireNoKeys(
    _ record: String, _ tokens: LineTokens, from first: Int
  ) throws(TraceSyntaxError) {
    guard tokens.count > first else { return }
    _ = try KeywordArguments(
      record: record, tokens: tokens, from: first, allowed: InputRecordParser.noKeys)
  }

  /// Any layer record, over its tokens' text: `backend` and `registrar`
  /// lines, and the graph lines that ``parse(_:names:)`` leaves to it.
  static func parseLayer<Resolver: NameResolver>(
    _ tokens: LineTokens, names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceInputOf<Resolver.Name> {
    let keyword = tokens.text(0)
    let actions: [String] =
      switch keyword {
      case "node": ["add", "remove", "replace"]
      case "child": ["add", "remove"]
      case "backend": ["add", "attach", "detach", "remove"]
      default: ["attach", "destroy"]
      }
    guard tokens.count >= 2, actions.contains(tokens.text(1)) else {
      throw TraceSyntaxError(
        "'\(keyword)' needs one of: " + actions.map { "\(keyword) \($0)" }.joined(separator: ", "))
    }
    let action = tokens.text(1)
    let record = keyword + " " + action
    let none = InputRecordParser.noKeys
    func node(_ index: Int, _ what: String) throws(TraceSyntaxError) -> Resolver.Name {
      try InputRecordParser.name(tokens, at: index, after: record, what: what, in: .node, &names)
    }
    func backend() throws(TraceSyntaxError) -> Resolver.Name {
      try InputRecordParser.name(
        tokens, at: 2, after: record, what: "backend", in: .backend, &names)
    }
    switch (keyword, action) {
    case ("node", "add"):
      let name = try node(2, "node")
      let arguments = try KeywordArguments(
        record: record, tokens: tokens, from: 3, allowed: nodeAddKeys)
      var format = "raw"
      if arguments.has("format") {
        format = String(decoding: try arguments.nameBytes("format"), as: UTF8.self)
      }
      var clears: Bool?
      if let value = arguments.optional("clears-flag") {
        clears = try arguments.bool("clears-flag", value)
      }
      return .nodeAdd(
        node: name,
        format: FormatNode(
          format: format, clearsRegisteredBufFlag: clears,
          detectZeroes: try detectZeroesOption(arguments)))
    case ("node", "replace"):
      let from = try node(2, "node to replace")
      let to = try node(3, "replacement node")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 4, allowed: none)
      return .nodeReplace(from: from, to: to)
    case ("node", _):
      let name = try node(2, "node")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: none)
      return .nodeRemove(node: name)
    case ("child", _):
      let parent = try node(2, "parent node")
      let child = try node(3, "child node")
      guard action == "add" else {
        _ = try KeywordArguments(record: record, tokens: tokens, from: 4, allowed: none)
        return .childRemove(parent: parent, child: child)
      }
      return .childAdd(parent: parent, child: child, role: try childRole(tokens))
    case ("backend", _):
      let name = try backend()
      let keys = action == "add" || action == "attach" ? rootKeys : none
      let arguments = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: keys)
      func root() throws(TraceSyntaxError) -> Resolver.Name {
        names.name(try arguments.nameBytes("root"), in: .node)
      }
      switch action {
      case "add": return .backendAdd(backend: name, root: arguments.has("root") ? try root() : nil)
      case "attach": return .backendAttach(backend: name, root: try root())
      case "detach": return .backendDetach(backend: name)
      default: return .backendRemove(backend: name)
      }
    default:
      let name = try backend()
      _ = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: none)
      return action == "attach"
        ? .registrarAttach(backend: name) : .registrarDestroy(backend: name)
    }
  }
}
