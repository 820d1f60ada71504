/// Reads the tokens of an input line into a ``TraceInputOf``.
///
/// Works on the line's bytes: keywords are compared as bytes, keys land in
/// fixed slots, and a name becomes a `String` only when the resolver makes
/// one (the replay path interns it as an id instead).
enum InputRecordParser {
  /// The keys of `open` other than `driver`: the overridable properties.
  static let propertyKeys: [StaticString] = [
    "needs-mem-regions", "needs-mem-region-fd", "mem-region-alignment", "max-mem-regions",
    "may-pin-mem-regions", "mem-regions-pinned", "start", "fail-map", "fail-map-errno",
    "memlock", "direct", "logical-block-size", "max-transfer",
  ]
  static let openKeys: [StaticString] = ["driver"] + propertyKeys
  static let bufferKeys: [StaticString] = ["host", "size"]
  static let requestKeys: [StaticString] = ["blk", "host", "size", "zeroes", "offset"]
  static let completeKeys: [StaticString] = ["ret"]
  static let ramblockAddKeys: [StaticString] = [
    "host", "max", "used", "fd", "fd-offset", "guest-memfd",
  ]
  static let usedKeys: [StaticString] = ["used"]
  /// The first word of every input record.
  static let inputKeywords = [
    "ramblock", "open", "close", "register", "unregister", "discard", "vfio", "balloon", "node",
    "child", "backend", "registrar", "read", "write", "complete", "shutdown",
  ]
  static let noKeys: [StaticString] = []
  static let balloonKeys: [StaticString] = ["host"]

  static func parse<Resolver: NameResolver>(
    _ tokens: LineTokens, names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceInputOf<Resolver.Name> {
    let keyword = tokens.bytes(0)
    if ByteClass.equal(keyword, "register") || ByteClass.equal(keyword, "unregister") {
      let isRegister = keyword.count == 8
      let record = isRegister ? "register" : "unregister"
      let node = try name(tokens, at: 1, after: record, what: "node", in: .node, &names)
      let arguments = try KeywordArguments(
        record: record, tokens: tokens, from: 2, allowed: bufferKeys)
      let host = try arguments.requiredUnsigned64(at: 0)
      let size = try arguments.requiredUnsigned64(at: 1)
      return isRegister
        ? .register(node: node, host: host, size: size)
        : .unregister(node: node, host: host, size: size)
    }
    if ByteClass.equal(keyword, "read") || ByteClass.equal(keyword, "write") {
      let isRead = keyword.count == 4
      let record = isRead ? "read" : "write"
      let request = try name(tokens, at: 1, after: record, what: "request", in: .request, &names)
      let arguments = try KeywordArguments(
        record: record, tokens: tokens, from: 2, allowed: requestKeys)
      let backend = names.name(try arguments.nameBytes("blk"), in: .backend)
      var kind: IOKind = isRead ? .read : .write
      if let zeroes = arguments.optional("zeroes"), try arguments.bool("zeroes", zeroes) == true {
        guard !isRead else {
          throw TraceSyntaxError("'zeroes=' describes a write's data; a read has none")
        }
        kind = .zeroWrite
      }
      return .io(
        request: request, kind: kind, backend: backend,
        host: try arguments.requiredUnsigned64(at: 1),
        size: try arguments.requiredUnsigned64(at: 2),
        offset: try arguments.optionalUnsigned64("offset") ?? 0)
    }
    if ByteClass.equal(keyword, "complete") {
      let request = try name(
        tokens, at: 1, after: "complete", what: "request", in: .request, &names)
      // The common form has no keyword: nothing to check.
      if tokens.count == 2 { return .complete(request: request, ret: .success) }
      let arguments = try KeywordArguments(
        record: "complete", tokens: tokens, from: 2, allowed: completeKeys)
      let ret = arguments.has("ret") ? try arguments.ret("ret") : ReturnValue.success
      return .complete(request: request, ret: ret)
    }
    if ByteClass.equal(keyword, "ramblock") { return try ramblock(tokens) }
    if ByteClass.equal(keyword, "open") { return try open(tokens, &names) }
    if ByteClass.equal(keyword, "close") {
      let node = try name(tokens, at: 1, after: "close", what: "node", in: .node, &names)
      _ = try KeywordArguments(record: "close", tokens: tokens, from: 2, allowed: noKeys)
      return .close(node: node)
    }
    if ByteClass.equal(keyword, "discard") { return try discard(tokens) }
    if ByteClass.equal(keyword, "vfio") { return try vfio(tokens) }
    if ByteClass.equal(keyword, "shutdown") {
      _ = try KeywordArguments(record: "shutdown", tokens: tokens, from: 1, allowed: noKeys)
      return .shutdown
    }
    if ByteClass.equal(keyword, "balloon") {
      guard tokens.count >= 2, tokens.token(1, is: "inflate") else {
        throw TraceSyntaxError("expected 'balloon inflate host=ADDR'")
      }
      let arguments = try KeywordArguments(
        record: "balloon inflate", tokens: tokens, from: 2, allowed: balloonKeys)
      return .balloonInflate(host: try arguments.requiredUnsigned64(at: 0))
    }
    if ByteClass.equal(keyword, "node") || ByteClass.equal(keyword, "child")
      || ByteClass.equal(keyword, "backend") || ByteClass.equal(keyword, "registrar")
    {
      return try GraphRecordParser.parse(tokens, names: &names)
    }
    throw TraceSyntaxError(
      "unknown record '\(tokens.text(0))'"
        + ClosestName.hint(
          String(decoding: tokens.bytes(0), as: UTF8.self), among: inputKeywords)
        + "; inputs: " + inputKeywords.joined(separator: ", ") + "; outputs start with '>'")
  }

  /// Checks the `NAME` or `NODE` at token `index` and returns its bytes.
  static func nameBytes(
    _ tokens: LineTokens, at index: Int, after keyword: String, what: String
  ) throws(TraceSyntaxError) -> UnsafeBufferPointer<UInt8> {
    guard index < tokens.count else {
      throw TraceSyntaxError("'\(keyword)' needs a \(what) name")
    }
    let bytes = tokens.bytes(index)
    guard bytes.allSatisfy(ByteClass.isNameByte) else {
      throw TraceSyntaxError(
        "'\(tokens.text(index))' is not a valid \(what) name "
          + "(letters, digits, '_', '.' and '-' only)")
    }
    return bytes
  }

  /// Reads the `NAME` or `NODE` at token `index` in namespace `space`.
  static func name<Resolver: NameResolver>(
    _ tokens: LineTokens, at index: Int, after keyword: String, what: String,
    in space: NameSpace, _ names: inout Resolver
  ) throws(TraceSyntaxError) -> Resolver.Name {
    names.name(try nameBytes(tokens, at: index, after: keyword, what: what), in: space)
  }

  /// Reads a RAMBlock name (always a string).
  static func blockName(
    _ tokens: LineTokens, at index: Int, after keyword: String
  ) throws(TraceSyntaxError) -> String {
    String(
      decoding: try nameBytes(tokens, at: index, after: keyword, what: "RAMBlock"), as: UTF8.self)
  }

  static func ramblock<Name>(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInputOf<Name> {
    guard tokens.count >= 2 else {
      throw TraceSyntaxError("'ramblock' needs add, remove or resize")
    }
    if tokens.token(1, is: "add") {
      let name = try blockName(tokens, at: 2, after: "ramblock add")
      let arguments = try KeywordArguments(
        record: "ramblock add", tokens: tokens, from: 3, allowed: ramblockAddKeys)
      let host = try arguments.requiredUnsigned64("host")
      let max = try arguments.requiredUnsigned64("max")
      let used = try arguments.optionalUnsigned64("used")
      var fd: Int32 = -1
      if let value = arguments.optional("fd") { fd = try arguments.fd("fd", value) }
      let fileOffset = try arguments.optionalUnsigned64("fd-offset") ?? 0
      var guestMemfd = false
      if let value = arguments.optional("guest-memfd") {
        guestMemfd = try arguments.bool("guest-memfd", value) ?? false
      }
      return .ramblockAdd(
        name: name, host: host, max: max, used: used, fd: fd, fileOffset: fileOffset,
        guestMemfd: guestMemfd)
    }
    if tokens.token(1, is: "remove") {
      let name = try blockName(tokens, at: 2, after: "ramblock remove")
      _ = try KeywordArguments(record: "ramblock remove", tokens: tokens, from: 3, allowed: noKeys)
      return .ramblockRemove(name: name)
    }
    if tokens.token(1, is: "resize") {
      let name = try blockName(tokens, at: 2, after: "ramblock resize")
      let arguments = try KeywordArguments(
        record: "ramblock resize", tokens: tokens, from: 3, allowed: usedKeys)
      return .ramblockResize(name: name, used: try arguments.requiredUnsigned64("used"))
    }
    throw TraceSyntaxError(
      "unknown 'ramblock \(tokens.text(1))' (expected ramblock add, remove or resize)")
  }

  static func open<Resolver: NameResolver>(
    _ tokens: LineTokens, _ names: inout Resolver
  ) throws(TraceSyntaxError) -> TraceInputOf<Resolver.Name> {
    let node = try name(tokens, at: 1, after: "open", what: "node", in: .node, &names)
    let arguments = try KeywordArguments(
      record: "open", tokens: tokens, from: 2, allowed: openKeys)
    let driverBytes = try arguments.required("driver")
    guard let driver = BlkioDriverName(rawValue: String(decoding: driverBytes, as: UTF8.self))
    else {
      let drivers = BlkioDriverName.allCases.map(\.rawValue)
      throw TraceSyntaxError(
        "unknown driver '\(LineTokens.display(driverBytes))'"
          + ClosestName.hint(String(decoding: driverBytes, as: UTF8.self), among: drivers)
          + "; drivers: " + drivers.joined(separator: ", "))
    }
    var overrides: [BlkioPropertyOverride] = []
    // In the order of propertyKeys, so that equal lines give equal inputs.
    for key in propertyKeys {
      guard let value = arguments.optional(key) else { continue }
      overrides.append(try property(key, value, arguments))
    }
    try checkInjections(overrides, driver: driver)
    return .open(node: node, driver: driver, overrides: overrides)
  }

  static func property(
    _ key: StaticString, _ value: UnsafeBufferPointer<UInt8>, _ arguments: KeywordArguments
  ) throws(TraceSyntaxError) -> BlkioPropertyOverride {
    if ByteClass.equal(key, "needs-mem-regions") {
      return .needsMemRegions(try arguments.bool(key, value) ?? false)
    }
    if ByteClass.equal(key, "needs-mem-region-fd") {
      return .needsMemRegionFD(try arguments.bool(key, value) ?? false)
    }
    if ByteClass.equal(key, "mem-region-alignment") {
      let alignment = try arguments.unsigned64(key, value)
      guard alignment >= 1 else {
        throw TraceSyntaxError("mem-region-alignment must be at least 1")
      }
      return .memRegionAlignment(alignment)
    }
    if ByteClass.equal(key, "max-transfer") {
      return .maxTransfer(try arguments.unsigned64(key, value))
    }
    if ByteClass.equal(key, "max-mem-regions") {
      return .maxMemRegions(try arguments.unsigned64(key, value))
    }
    if ByteClass.equal(key, "may-pin-mem-regions") {
      return .mayPinMemRegions(try arguments.bool(key, value, allowAbsent: true))
    }
    if ByteClass.equal(key, "mem-regions-pinned") {
      return .memRegionsPinned(try arguments.bool(key, value, allowAbsent: true))
    }
    if ByteClass.equal(key, "fail-map") {
      let count = try arguments.unsigned64(key, value)
      guard count >= 1 else { throw TraceSyntaxError("fail-map counts maps from 1") }
      return .failMap(count)
    }
    if ByteClass.equal(key, "fail-map-errno") {
      guard let errno = Errno(name: String(decoding: value, as: UTF8.self)) else {
        throw TraceSyntaxError(
          "fail-map-errno='\(LineTokens.display(value))' is not an errno name ("
            + Errno.allCases.map(\.name).joined(separator: ", ") + ")")
      }
      return .failMapErrno(errno)
    }
    if ByteClass.equal(key, "memlock") {
      return .memlock(try arguments.unsigned64(key, value))
    }
    if ByteClass.equal(key, "direct") {
      return .direct(try arguments.bool(key, value) ?? false)
    }
    if ByteClass.equal(key, "logical-block-size") {
      let size = try arguments.unsigned64(key, value)
      guard size >= 512, size <= 65536, size & (size - 1) == 0 else {
        throw TraceSyntaxError(
          "logical-block-size=\(size) is not a power of two from 512 to 65536")
      }
      return .logicalBlockSize(size)
    }
    if ByteClass.equal(value, "ok") { return .start(fails: false) }
    if ByteClass.equal(value, "fail") { return .start(fails: true) }
    throw TraceSyntaxError("start='\(LineTokens.display(value))' is not ok or fail")
  }

  /// Refuses failure injections that the driver's transport cannot have:
  /// io_uring's maps make no system call, and only vhost-vdpa and VFIO pin
  /// memory themselves.
  static func checkInjections(
    _ overrides: [BlkioPropertyOverride], driver: BlkioDriverName
  ) throws(TraceSyntaxError) {
    for override in overrides {
      switch override {
      case .failMap, .failMapErrno:
        if driver == .ioUring || driver == .nvmeIoUring {
          throw TraceSyntaxError(
            "\(override.key): \(driver.rawValue) maps only in libblkio's own bookkeeping, "
              + "which makes no system call that could fail")
        }
      case .memlock:
        if driver != .virtioBlkVhostVdpa && driver != .virtioBlkVfioPci {
          throw TraceSyntaxError(
            "memlock: only virtio-blk-vhost-vdpa and virtio-blk-vfio-pci pin memory when "
              + "they map it")
        }
      case .direct:
        if driver != .ioUring {
          throw TraceSyntaxError(
            "direct: only io_uring has it (QEMU refuses cache.direct=off for the other drivers)")
        }
      case .needsMemRegions, .needsMemRegionFD, .memRegionAlignment, .maxMemRegions,
        .mayPinMemRegions, .memRegionsPinned, .start, .logicalBlockSize, .maxTransfer:
        // Every driver has these.
        break
      }
    }
  }

  static func vfio<Name>(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInputOf<Name> {
    guard tokens.count == 2 else {
      throw TraceSyntaxError("expected 'vfio attach' or 'vfio detach'")
    }
    if tokens.token(1, is: "attach") { return .vfioAttach }
    if tokens.token(1, is: "detach") { return .vfioDetach }
    throw TraceSyntaxError(
      "unknown 'vfio \(tokens.text(1))' (expected vfio attach or vfio detach)")
  }

  static func discard<Name>(_ tokens: LineTokens) throws(TraceSyntaxError) -> TraceInputOf<Name> {
    guard tokens.count == 2 else {
      throw TraceSyntaxError("expected 'discard require' or 'discard release'")
    }
    if tokens.token(1, is: "require") { return .discardRequire }
    if tokens.token(1, is: "release") { return .discardRelease }
    throw TraceSyntaxError(
      "unknown 'discard \(tokens.text(1))' (expected discard require or discard release)")
  }
}
