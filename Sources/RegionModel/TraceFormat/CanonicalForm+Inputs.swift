// MARK: - Inputs

extension CanonicalForm {
  /// The canonical line of an input: its keyword, positional names, then
  /// its keyword arguments with numbers in lowercase hex; optional keys are
  /// written only when they differ from their defaults.
  public static func line(_ input: TraceInput) -> String {
    switch input {
    case .ramblockAdd(let name, let host, let max, let used, let fd, let fileOffset, let memfd):
      var line = "ramblock add \(name) host=\(CFormat.hex(host)) max=\(CFormat.hex(max))"
      if let used { line += " used=\(CFormat.hex(used))" }
      if fd != -1 { line += " fd=\(fd)" }
      if fileOffset != 0 { line += " fd-offset=\(CFormat.hex(fileOffset))" }
      if memfd { line += " guest-memfd=true" }
      return line
    case .ramblockRemove(let name):
      return "ramblock remove \(name)"
    case .ramblockResize(let name, let used):
      return "ramblock resize \(name) used=\(CFormat.hex(used))"
    case .open(let node, let driver, let overrides):
      return (["open \(node) driver=\(driver.rawValue)"] + overrides.map(text)).joined(
        separator: " ")
    case .close(let node):
      return "close \(node)"
    case .register(let node, let host, let size):
      return "register \(node) host=\(CFormat.hex(host)) size=\(CFormat.hex(size))"
    case .unregister(let node, let host, let size):
      return "unregister \(node) host=\(CFormat.hex(host)) size=\(CFormat.hex(size))"
    case .discardRequire:
      return "discard require"
    case .discardRelease:
      return "discard release"
    case .vfioAttach:
      return "vfio attach"
    case .vfioDetach:
      return "vfio detach"
    case .shutdown:
      return "shutdown"
    case .balloonInflate(let host):
      return "balloon inflate host=\(CFormat.hex(host))"
    case .nodeAdd(let node, let format):
      let clears = format.clearsRegisteredBufFlag
      let implied = FormatNode(format: format.format).clearsRegisteredBufFlag
      return "node add \(node) format=\(format.format)"
        + (clears == implied ? "" : " clears-flag=\(clears)")
        + (format.detectZeroes == .off ? "" : " detect-zeroes=\(format.detectZeroes.name)")
        + (format.detectZeroes == .unmap ? " discard=unmap" : "")
    case .nodeRemove(let node):
      return "node remove \(node)"
    case .nodeReplace(let from, let to):
      return "node replace \(from) \(to)"
    case .childAdd(let parent, let child, let role):
      return "child add \(parent) \(child)" + (role == .unnamed ? "" : " role=\(role.name)")
    case .childRemove(let parent, let child):
      return "child remove \(parent) \(child)"
    case .backendAdd(let backend, let root):
      return "backend add \(backend)" + (root.map { " root=\($0)" } ?? "")
    case .backendAttach(let backend, let root):
      return "backend attach \(backend) root=\(root)"
    case .backendDetach(let backend):
      return "backend detach \(backend)"
    case .backendRemove(let backend):
      return "backend remove \(backend)"
    case .registrarAttach(let backend):
      return "registrar attach \(backend)"
    case .registrarDestroy(let backend):
      return "registrar destroy \(backend)"
    case .io(let request, let kind, let backend, let host, let size, let offset):
      return "\(kind.isWrite ? "write" : "read") \(request) blk=\(backend) "
        + "host=\(CFormat.hex(host)) size=\(CFormat.hex(size))"
        + (offset == 0 ? "" : " offset=\(CFormat.hex(offset))")
        + (kind == .zeroWrite ? " zeroes=true" : "")
    case .complete(let request, let ret):
      return "complete \(request)" + (ret == .success ? "" : " ret=\(ret)")
    }
  }

  /// `PROPERTY=VALUE` of an override.
  static func text(_ override: BlkioPropertyOverride) -> String {
    func bool(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "absent" }
    let value: String
    switch override {
    case .needsMemRegions(let flag), .needsMemRegionFD(let flag): value = bool(flag)
    case .memRegionAlignment(let number), .maxMemRegions(let number), .failMap(let number),
      .memlock(let number), .maxTransfer(let number):
      value = String(number)
    case .failMapErrno(let errno): value = errno.name
    case .direct(let flag): value = bool(flag)
    case .logicalBlockSize(let size): value = String(size)
    case .mayPinMemRegions(let flag), .memRegionsPinned(let flag): value = bool(flag)
    case .start(let fails): value = fails ? "fail" : "ok"
    }
    return override.key + "=" + value
  }
}
