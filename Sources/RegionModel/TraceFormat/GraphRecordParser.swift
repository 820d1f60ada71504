/// Reads the inputs that build the layers around the driver: `node`,
/// `child`, `backend` and `registrar` lines.
enum GraphRecordParser {
  static let nodeAddKeys: [StaticString] = ["format", "clears-flag"]
  static let rootKeys: [StaticString] = ["root"]

  static func parse<Resolver: NameResolver>(
    _ tokens: LineTokens, names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceInputOf<Resolver.Name> {
    let keyword = tokens.text(0)
    let actions: [String] =
      switch keyword {
      case "node", "child": ["add", "remove"]
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
        node: name, format: FormatNode(format: format, clearsRegisteredBufFlag: clears))
    case ("node", _):
      let name = try node(2, "node")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 3, allowed: none)
      return .nodeRemove(node: name)
    case ("child", _):
      let parent = try node(2, "parent node")
      let child = try node(3, "child node")
      _ = try KeywordArguments(record: record, tokens: tokens, from: 4, allowed: none)
      return action == "add"
        ? .childAdd(parent: parent, child: child) : .childRemove(parent: parent, child: child)
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
