// Built by `npm run build:console` from console/src — do not edit.

// console/src/sign.ts
var popEncode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
var stringToSign = (method, params) => {
  const names = [...params.keys()].filter((n) => n !== "Signature").sort();
  const canonical = names.map((n) => `${popEncode(n)}=${popEncode(params.get(n))}`).join("&");
  return `${method.toUpperCase()}&${popEncode("/")}&${popEncode(canonical)}`;
};
var base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
var hmacSha1 = async (secret, text) => {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(`${secret}&`), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  return base64(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
};
var timestamp = (d = /* @__PURE__ */ new Date()) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
var signedBody = async (credentials, action, params) => {
  const all = new Map([
    ["Format", "JSON"],
    ["Version", "2016-01-20"],
    ["AccessKeyId", credentials.accessKeyId],
    ["SignatureMethod", "HMAC-SHA1"],
    ["SignatureVersion", "1.0"],
    ["SignatureNonce", crypto.randomUUID()],
    ["Timestamp", timestamp()],
    ["Action", action],
    ...Object.entries(params)
  ]);
  all.set("Signature", await hmacSha1(credentials.secret, stringToSign("POST", all)));
  return [...all].map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`).join("&");
};

// console/src/api.ts
var ApiError = class extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
  code;
  status;
};
var str = (v) => String(v);
var callApi = async (c, action, params = {}) => {
  const body = await signedBody(c, action, params);
  const res = await fetch("/", {
    method: "POST",
    body,
    credentials: "omit",
    cache: "no-store",
    headers: { "Content-Type": "application/x-www-form-urlencoded" }
  });
  let json;
  try {
    json = await res.json();
  } catch {
    throw new ApiError("InternalFailure", `HTTP ${res.status}`, res.status);
  }
  if (!res.ok || typeof json["Code"] === "string") throw new ApiError(str(json["Code"] ?? "InternalFailure"), str(json["Message"] ?? ""), res.status);
  return json;
};
var list = (obj, outer, inner) => {
  const o = obj[outer];
  const a = o?.[inner];
  return Array.isArray(a) ? a : [];
};

// console/src/app.ts
var makeApp = (credentials, refresh) => ({
  credentials,
  call: (action, params = {}) => callApi(credentials, action, params),
  go: (route) => {
    location.hash = route;
  },
  refresh
});

// console/src/i18n/en.ts
var en = {
  console: "Console",
  keyManagement: "Key management",
  compliance: "Compliance",
  signOut: "Sign out",
  signInTitle: "Sign in to keyledger",
  signInHint: "Your access key secret stays in this tab (session storage) and is never sent: requests are signed here.",
  accessKeyId: "AccessKey ID",
  accessKeySecret: "AccessKey secret",
  signIn: "Sign in",
  signingIn: "Signing in…",
  edit: "Edit",
  ok: "OK",
  cancel: "Cancel",
  create: "Create",
  loading: "Loading…",
  all: "All",
  on: "on",
  off: "off",
  region: "Region",
  instance: "Instance ID",
  state: "Status",
  spec: "Key spec",
  usage: "Key usage",
  search: "Search",
  searchHint: "Key ID, alias or description",
  createKey: "Create key",
  tabDefaultKeys: "Default keys",
  tabUserKeys: "User master keys",
  keyId: "Key ID",
  alias: "Alias",
  protection: "Protection level",
  tags: "Tags",
  lastCallTime: "Last call time",
  actions: "Actions",
  enable: "Enable",
  disable: "Disable",
  details: "Details",
  scheduleDeletion: "Schedule deletion",
  cancelDeletion: "Cancel deletion",
  noKeys: "No keys match.",
  pageOf: "Page {0} of {1} ({2} keys)",
  batchAddTags: "Add tags",
  batchRemoveTags: "Remove tags",
  batchTagsOn: "Applies to the {0} selected keys.",
  tagLines: "Tags, one key=value per line",
  tagKeyLines: "Tag keys, one per line",
  selectKeysFirst: "Select one or more keys first.",
  disableKey: "Disable key",
  confirmDisable: "Disable {0}? A disabled key cannot be used for cryptographic operations until it is enabled again (S-6.2).",
  confirmSchedule: "Schedule {0} for deletion? After the pending window the key is deleted, and everything encrypted with it can no longer be decrypted (S-8.2).",
  pendingWindow: "Pending window (days)",
  pendingWindowHint: "7 to 366 days; the deletion can be cancelled until then.",
  editTags: "Edit tags",
  tagKey: "Tag key",
  tagValue: "Tag value",
  unbind: "Unbind",
  addTagRow: "Add a tag",
  kind: "Key type",
  kindHint: "Default key (one per region), or a key in a KMS instance (software, hardware, external).",
  "kind.default": "Default key (main key)",
  "kind.software": "Software key",
  "kind.hardware": "Hardware key",
  "kind.external": "External key",
  aliasHint: "Letters, digits, _, - and / (S-3.1).",
  description: "Description",
  tagsHint: "One key=value per line; only keys in an instance take tags (S-3.5).",
  autoRotation: "Automatic rotation",
  rotationPeriod: "Rotation period (days)",
  rotationHint: "7 to 365 days (S-4.2); symmetric keys only.",
  externalKeyId: "External key ID",
  externalKeyIdHint: "The key in the external key manager (S-1.4).",
  policy: "Key policy",
  policyDefault: "Default policy",
  policyCustom: "Custom policy",
  administrators: "Key administrators",
  administratorsHint: "RAM users or roles of this account; management only (S-5.2).",
  users: "Key users",
  usersHint: "RAM users or roles of this account; cryptographic use only (S-5.2).",
  otherUsers: "Other-account users",
  otherUsersHint: "acs:ram::<userId>:user/<name> or …:role/<name>; each account costs one quota unit (S-5.4).",
  origin: "Key material origin",
  originKms: "Aliyun_KMS (KMS generates the material)",
  originExternal: "EXTERNAL (you import the material)",
  externalAck: "I understand that KMS generates no material for this key: I must import it, keep a copy, and the key is unusable until I do.",
  externalAckRequired: "Tick the acknowledgement for external key material first.",
  backToList: "← Keys",
  keyDetails: "Key",
  arn: "ARN",
  defaultKey: "Default key",
  created: "Created",
  deleteDate: "Deletes at",
  deletionProtection: "Deletion protection",
  deletionProtectionHint: "While on, the key cannot be deleted through the console or the API; turn it off first (S-7.1).",
  enableProtection: "Turn on deletion protection",
  confirmProtect: "Protect this key from deletion?",
  protectionDescription: "Reason",
  protectionDescriptionHint: "Why this key must not be deleted",
  "tab.versions": "Key versions",
  "tab.associations": "Key association",
  "tab.history": "History",
  versionId: "Version ID",
  primary: "primary",
  publicKey: "Public key",
  viewPublicKey: "View public key",
  downloadPublicKey: "Download PEM",
  noPublicKey: "Symmetric key: no public key",
  associationsHint: "Detection shows which services called KMS with this key and when (S-10). Calls within the last 365 days show a time.",
  detect: "Detect",
  detecting: "Detecting…",
  refresh: "Refresh",
  status: "Status",
  noAssociations: "No calls recorded.",
  product: "Service",
  resources: "Resources",
  calls: "Calls",
  noService: "(no service named)",
  "assoc.InUse": "In use",
  "assoc.NoCallWithin365Days": "No call within 365 days",
  "assoc.Unused": "Never used",
  "assoc.NoRecordSinceTrackingBegan": "No record since tracking began",
  timeSlider: "State at",
  asOf: "As of",
  noHistory: "No history.",
  time: "Time",
  event: "Event",
  who: "Who",
  from: "From",
  outcome: "Outcome",
  detail: "Detail",
  "outcome.allowed": "allowed",
  "outcome.denied": "denied",
  "outcome.failed": "failed",
  "state.Enabled": "Enabled",
  "state.Disabled": "Disabled",
  "state.PendingDeletion": "Pending deletion",
  "state.PendingImport": "Pending import",
  "state.Deleted": "Deleted",
  "state.Unknown": "Unknown",
  report: "Report",
  asOfDate: "As of",
  asOfHint: "Empty: now.",
  days: "Days",
  requireTags: "Required tag keys",
  runReport: "Run report",
  downloadCsv: "Download CSV",
  rows: "{0} rows",
  "report.inventory": "Inventory",
  "report.no-rotation": "No automatic rotation",
  "report.rotation-overdue": "Rotation overdue",
  "report.no-deletion-protection": "No deletion protection",
  "report.pending-deletion": "Pending deletion",
  "report.disabled-still-called": "Disabled but still called",
  "report.unused": "Unused",
  "report.cross-account": "Cross-account grants",
  "report.missing-tags": "Missing tags",
  "report.weak-specs": "Weak specs"
};

// console/src/i18n/zh-cn.ts
var zhCN = {
  console: "控制台",
  keyManagement: "密钥管理",
  compliance: "合规报告",
  signOut: "退出",
  signInTitle: "登录 keyledger",
  signInHint: "AccessKey Secret 仅保存在当前标签页（会话存储），不会发送：请求在此处签名。",
  accessKeyId: "AccessKey ID",
  accessKeySecret: "AccessKey Secret",
  signIn: "登录",
  signingIn: "正在登录…",
  edit: "编辑",
  ok: "确定",
  cancel: "取消",
  create: "创建",
  loading: "加载中…",
  all: "全部",
  on: "开启",
  off: "关闭",
  region: "地域",
  instance: "实例 ID",
  state: "状态",
  spec: "密钥规格",
  usage: "密钥用途",
  search: "搜索",
  searchHint: "密钥 ID、别名或描述",
  createKey: "创建密钥",
  tabDefaultKeys: "默认密钥",
  tabUserKeys: "用户主密钥",
  keyId: "密钥 ID",
  alias: "别名",
  protection: "保护级别",
  tags: "标签",
  lastCallTime: "最近调用时间",
  actions: "操作",
  enable: "启用",
  disable: "禁用",
  details: "详情",
  scheduleDeletion: "计划删除",
  cancelDeletion: "取消删除",
  noKeys: "没有匹配的密钥。",
  pageOf: "第 {0}/{1} 页（共 {2} 个密钥）",
  batchAddTags: "添加标签",
  batchRemoveTags: "解绑标签",
  batchTagsOn: "作用于选中的 {0} 个密钥。",
  tagLines: "标签，每行一个 key=value",
  tagKeyLines: "标签键，每行一个",
  selectKeysFirst: "请先选择一个或多个密钥。",
  disableKey: "禁用密钥",
  confirmDisable: "确定禁用 {0}？禁用后密钥无法用于密码运算，直到再次启用（S-6.2）。",
  confirmSchedule: "确定计划删除 {0}？预删除期结束后密钥将被删除，使用它加密的数据将无法解密（S-8.2）。",
  pendingWindow: "预删除期（天）",
  pendingWindowHint: "7 到 366 天；在此之前可以取消删除。",
  editTags: "编辑标签",
  tagKey: "标签键",
  tagValue: "标签值",
  unbind: "解绑",
  addTagRow: "添加标签",
  kind: "密钥类型",
  kindHint: "默认密钥（每个地域一个），或 KMS 实例中的密钥（软件、硬件、外部）。",
  "kind.default": "默认密钥（主密钥）",
  "kind.software": "软件密钥",
  "kind.hardware": "硬件密钥",
  "kind.external": "外部密钥",
  aliasHint: "字母、数字、_、- 和 /（S-3.1）。",
  description: "描述",
  tagsHint: "每行一个 key=value；仅实例中的密钥支持标签（S-3.5）。",
  autoRotation: "自动轮转",
  rotationPeriod: "轮转周期（天）",
  rotationHint: "7 到 365 天（S-4.2）；仅对称密钥。",
  externalKeyId: "外部密钥 ID",
  externalKeyIdHint: "外部密钥管理系统中的密钥（S-1.4）。",
  policy: "密钥策略",
  policyDefault: "默认策略",
  policyCustom: "自定义策略",
  administrators: "密钥管理员",
  administratorsHint: "本账号的 RAM 用户或角色；仅管理操作（S-5.2）。",
  users: "密钥使用者",
  usersHint: "本账号的 RAM 用户或角色；仅密码运算（S-5.2）。",
  otherUsers: "其他账号用户",
  otherUsersHint: "acs:ram::<userId>:user/<name> 或 …:role/<name>；每个主账号占用一个配额（S-5.4）。",
  origin: "密钥材料来源",
  originKms: "Aliyun_KMS（KMS 生成密钥材料）",
  originExternal: "EXTERNAL（由您导入密钥材料）",
  externalAck: "我了解 KMS 不会为该密钥生成密钥材料：我需要导入材料并妥善保存副本，导入之前密钥不可用。",
  externalAckRequired: "请先勾选外部密钥材料的确认项。",
  backToList: "← 密钥列表",
  keyDetails: "密钥",
  arn: "ARN",
  defaultKey: "默认密钥",
  created: "创建时间",
  deleteDate: "删除时间",
  deletionProtection: "删除保护",
  deletionProtectionHint: "开启后，无法通过控制台或 API 删除该密钥；需先关闭（S-7.1）。",
  enableProtection: "开启删除保护",
  confirmProtect: "确定为该密钥开启删除保护？",
  protectionDescription: "原因",
  protectionDescriptionHint: "该密钥不能删除的原因",
  "tab.versions": "密钥版本",
  "tab.associations": "密钥关联",
  "tab.history": "历史",
  versionId: "版本 ID",
  primary: "主版本",
  publicKey: "公钥",
  viewPublicKey: "查看公钥",
  downloadPublicKey: "下载 PEM",
  noPublicKey: "对称密钥：无公钥",
  associationsHint: "检测显示哪些服务使用该密钥调用了 KMS 以及时间（S-10）。仅显示最近 365 天内的调用时间。",
  detect: "检测",
  detecting: "正在检测…",
  refresh: "刷新",
  status: "状态",
  noAssociations: "没有调用记录。",
  product: "云产品",
  resources: "资源",
  calls: "调用次数",
  noService: "（未指明服务）",
  "assoc.InUse": "使用中",
  "assoc.NoCallWithin365Days": "365 天内无调用",
  "assoc.Unused": "从未使用",
  "assoc.NoRecordSinceTrackingBegan": "开始记录以来无调用",
  timeSlider: "时间点状态",
  asOf: "截至",
  noHistory: "无历史记录。",
  time: "时间",
  event: "事件",
  who: "操作者",
  from: "来源",
  outcome: "结果",
  detail: "详情",
  "outcome.allowed": "允许",
  "outcome.denied": "拒绝",
  "outcome.failed": "失败",
  "state.Enabled": "启用中",
  "state.Disabled": "已禁用",
  "state.PendingDeletion": "待删除",
  "state.PendingImport": "待导入",
  "state.Deleted": "已删除",
  "state.Unknown": "未知",
  report: "报告",
  asOfDate: "截至时间",
  asOfHint: "留空：当前。",
  days: "天数",
  requireTags: "必需的标签键",
  runReport: "生成报告",
  downloadCsv: "下载 CSV",
  rows: "{0} 行",
  "report.inventory": "密钥清单",
  "report.no-rotation": "未开启自动轮转",
  "report.rotation-overdue": "轮转逾期",
  "report.no-deletion-protection": "未开启删除保护",
  "report.pending-deletion": "待删除",
  "report.disabled-still-called": "已禁用但仍被调用",
  "report.unused": "未使用",
  "report.cross-account": "跨账号授权",
  "report.missing-tags": "缺少标签",
  "report.weak-specs": "弱规格"
};

// console/src/i18n.ts
var DICTIONARIES = { en, "zh-CN": zhCN };
var STORE = "keyledger.language";
var getLanguage = () => {
  const saved = localStorage.getItem(STORE);
  if (saved === "en" || saved === "zh-CN") return saved;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
};
var setLanguage = (l) => localStorage.setItem(STORE, l);
var t = (key, ...args) => (DICTIONARIES[getLanguage()][key] ?? key).replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? "");

// console/src/dom.ts
var h = (tag, props = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === void 0 || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (name === "value" && "value" in el) el.value = String(value);
    else if (name === "checked" && el instanceof HTMLInputElement) el.checked = Boolean(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, ...children);
  return el;
};
var append = (el, ...children) => {
  for (const c of children) if (c !== null && c !== void 0 && c !== false) el.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
};
var replace = (el, ...children) => {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
};
var errorBox = (err) => {
  const e = err instanceof ApiError ? err : new ApiError("ClientError", err instanceof Error ? err.message : String(err), 0);
  return h("div", { class: "error", role: "alert", "data-code": e.code }, h("strong", {}, e.code), ": ", e.message);
};
var dialog = (title, body, onOk, okLabel = t("ok")) => new Promise((resolve) => {
  const status = h("div", { class: "dialog-status" });
  const close = (value) => {
    overlay.remove();
    resolve(value);
  };
  const ok = h("button", { class: "primary", "data-test": "dialog-ok", onclick: () => void (async () => {
    ok.disabled = true;
    try {
      close(await onOk());
    } catch (err) {
      replace(status, errorBox(err));
      ok.disabled = false;
    }
  })() }, okLabel);
  const overlay = h(
    "div",
    { class: "overlay" },
    h(
      "div",
      { class: "dialog", role: "dialog", "aria-label": title },
      h("h2", {}, title),
      body,
      status,
      h("div", { class: "buttons" }, h("button", { "data-test": "dialog-cancel", onclick: () => close(void 0) }, t("cancel")), ok)
    )
  );
  document.body.appendChild(overlay);
});
var confirm = async (title, text) => await dialog(title, h("p", {}, text), () => true) === true;
var field = (label, control, hint) => h("label", { class: "field" }, h("span", {}, label), control, hint ? h("small", {}, hint) : null);
var select = (name, options, value, onchange) => {
  const s = h(
    "select",
    { name, ...onchange ? { onchange: () => onchange(s.value) } : {} },
    ...options.map(([v, label]) => h("option", { value: v }, label))
  );
  if (value !== void 0) s.value = value;
  return s;
};
var download = (name, text, type) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1e4);
};

// console/src/compliance-page.ts
var REPORTS = [
  "inventory",
  "no-rotation",
  "rotation-overdue",
  "no-deletion-protection",
  "pending-deletion",
  "disabled-still-called",
  "unused",
  "cross-account",
  "missing-tags",
  "weak-specs"
];
var csvOf = (columns, rows) => {
  const cell = (v) => {
    const s = v === void 0 || v === null ? "" : str(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
};
var compliancePage = (app, root2) => {
  const name = select("report", REPORTS.map((r) => [r, t(`report.${r}`)]), "inventory");
  const at = h("input", { name: "at", type: "datetime-local" });
  const days2 = h("input", { name: "days", type: "number", min: "1", max: "3660", placeholder: "90" });
  const requireTags = h("input", { name: "requireTags", placeholder: "owner,env" });
  const out = h("div", { class: "report" });
  const run = async () => {
    replace(out, t("loading"));
    const p = { ReportName: name.value };
    if (at.value) p["At"] = new Date(at.value).toISOString();
    if (days2.value) p["Days"] = days2.value;
    if (requireTags.value.trim()) p["RequireTags"] = requireTags.value.trim();
    try {
      const r = await app.call("GetComplianceReport", p);
      const columns = list(r, "Columns", "Column");
      const rows = list(r, "Rows", "Row");
      const notes = list(r, "Notes", "Note");
      replace(
        out,
        h("h2", {}, str(r["Title"] ?? name.value)),
        h("p", {}, t("asOf"), " ", str(r["At"] ?? ""), " · ", t("rows", str(r["TotalCount"] ?? rows.length))),
        h("button", { "data-test": "download-csv", onclick: () => download(`${name.value}-${str(r["At"] ?? "now").replace(/[:]/g, "")}.csv`, csvOf(columns, rows), "text/csv") }, t("downloadCsv")),
        h(
          "table",
          { "data-test": "report-table" },
          h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", {}, c)))),
          h("tbody", {}, ...rows.map((row) => h("tr", {}, ...columns.map((c) => h("td", {}, str(row[c] ?? ""))))))
        ),
        ...notes.map((n) => h("p", { class: "hint" }, n))
      );
    } catch (err) {
      replace(out, errorBox(err));
    }
  };
  replace(root2, h(
    "section",
    { class: "compliance-page" },
    h("h1", {}, t("compliance")),
    h(
      "div",
      { class: "toolbar" },
      field(t("report"), name),
      field(t("asOfDate"), at, t("asOfHint")),
      field(t("days"), days2),
      field(t("requireTags"), requireTags),
      h("button", { class: "primary", "data-test": "run-report", onclick: () => void run() }, t("runReport"))
    ),
    out
  ));
};

// console/src/history.ts
var MAX_HISTORY_EVENTS = 1e3;
var loadHistory = async (app, keyId) => {
  const out = [];
  for (let page = 1; out.length < MAX_HISTORY_EVENTS; page++) {
    const r = await app.call("ListKeyHistory", { KeyId: keyId, PageNumber: String(page), PageSize: "100" });
    const events = list(r, "Events", "Event");
    out.push(...events);
    if (events.length < 100 || out.length >= Number(r["TotalCount"] ?? 0)) break;
  }
  return out;
};
var stateAt = (events, index, external) => {
  let state = "Unknown";
  let protection = false;
  let material = false;
  const tags = /* @__PURE__ */ new Map();
  const aliases = /* @__PURE__ */ new Set();
  for (const e of events.slice(0, index + 1)) {
    switch (e.Type) {
      case "KeyCreated":
        state = external ? "PendingImport" : "Enabled";
        break;
      case "KeyEnabled":
        state = "Enabled";
        break;
      case "KeyDisabled":
        state = "Disabled";
        break;
      case "DeletionScheduled":
        state = "PendingDeletion";
        break;
      case "DeletionCancelled":
        state = external && !material ? "PendingImport" : "Enabled";
        break;
      case "KeyMaterialImported":
        material = true;
        if (state === "PendingImport") state = "Enabled";
        break;
      case "KeyMaterialDeleted":
        material = false;
        if (state !== "PendingDeletion") state = "PendingImport";
        break;
      case "KeyDeleted":
        state = "Deleted";
        break;
      case "DeletionProtectionEnabled":
        protection = true;
        break;
      case "DeletionProtectionDisabled":
        protection = false;
        break;
      case "TagBound": {
        const at = e.Detail.indexOf("=");
        tags.set(e.Detail.slice(0, at), e.Detail.slice(at + 1));
        break;
      }
      case "TagUnbound":
        tags.delete(e.Detail);
        break;
      case "AliasCreated":
        aliases.add(e.Detail.split(" → ")[0]);
        break;
      case "AliasDeleted":
        aliases.delete(e.Detail.split(" → ")[0]);
        break;
    }
  }
  return { state, deletionProtection: protection, tags, aliases: [...aliases] };
};
var outcomeOf = (e) => {
  if (e.Type !== "ActionInvoked") return "";
  const word = e.Detail.split(" ")[1] ?? "";
  return word;
};

// console/src/validate.ts
var invalid = (name, why) => new ApiError("InvalidParameter", `The specified parameter "${name}" is not valid. ${why}`, 400);
var ALIAS = /^alias\/[A-Za-z0-9_/-]{1,255}$/;
var TAG_TEXT = /^[A-Za-z0-9/\\_\-.+=:@ ]*$/;
var RESERVED_TAG_KEY = /^(aliyun|acs:)/i;
var MAX_TAGS_PER_KEY = 20;
var checkAlias = (name) => {
  const full = name.startsWith("alias/") ? name : `alias/${name}`;
  if (!ALIAS.test(full) || full.startsWith("alias/acs"))
    throw invalid("AliasName", "S-3.1: an alias is alias/ followed by 1 to 255 letters, digits, _, - or /, and must not begin with alias/acs");
  return full;
};
var checkTag = (tag) => {
  if (tag.TagKey.length < 1 || tag.TagKey.length > 128 || !TAG_TEXT.test(tag.TagKey) || RESERVED_TAG_KEY.test(tag.TagKey))
    throw invalid("Tags", "S-3.2/S-3.3: a tag key is 1 to 128 letters, digits, spaces or / \\ _ - . + = : @, and must not begin with aliyun or acs:");
  if (tag.TagValue.length > 128 || !TAG_TEXT.test(tag.TagValue))
    throw invalid("Tags", "S-3.2: a tag value is at most 128 letters, digits, spaces or / \\ _ - . + = : @");
  return tag;
};
var parseTagLines = (text) => {
  const tags = text.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf("=");
    return checkTag(at < 0 ? { TagKey: line, TagValue: "" } : { TagKey: line.slice(0, at).trim(), TagValue: line.slice(at + 1).trim() });
  });
  if (tags.length > MAX_TAGS_PER_KEY) throw invalid("Tags", `S-3.4: at most ${MAX_TAGS_PER_KEY} tags per key`);
  return tags;
};
var checkRotationDays = (days2) => {
  const n = Number(days2);
  if (!/^\d+$/.test(days2) || n < 7 || n > 365) throw invalid("RotationInterval", "S-4.2: the rotation period is 7 to 365 days");
  return `${n}d`;
};
var checkPendingWindow = (days2) => {
  const n = Number(days2);
  if (!/^\d+$/.test(days2) || n < 7 || n > 366)
    throw invalid("PendingWindowInDays", "S-8.1: the pending window is a whole number of days from 7 to 366");
  return String(n);
};
var PRINCIPAL = /^acs:ram::\d+:(user|role)\/[A-Za-z0-9._@-]+$/;
var checkPrincipals = (text, label) => {
  const list2 = text.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  for (const p of list2) if (!PRINCIPAL.test(p)) throw invalid("Policy", `S-5.2: ${label}: "${p}" is not acs:ram::<userId>:user/<name> or acs:ram::<userId>:role/<name>`);
  return list2;
};

// console/src/key-actions.ts
var enableKey = async (app, keyId) => {
  await app.call("EnableKey", { KeyId: keyId });
  return true;
};
var disableKey = async (app, keyId) => {
  if (!await confirm(t("disableKey"), t("confirmDisable", keyId))) return false;
  await app.call("DisableKey", { KeyId: keyId });
  return true;
};
var scheduleDeletion = async (app, keyId) => {
  const days2 = h("input", { name: "pendingWindow", type: "number", min: "7", max: "366", value: "7" });
  const done = await dialog(
    t("scheduleDeletion"),
    h("div", {}, h("p", { class: "warning" }, t("confirmSchedule", keyId)), field(t("pendingWindow"), days2, t("pendingWindowHint"))),
    async () => {
      await app.call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: checkPendingWindow(days2.value) });
      return true;
    },
    t("scheduleDeletion")
  );
  return done === true;
};
var cancelDeletion = async (app, keyId) => {
  await app.call("CancelKeyDeletion", { KeyId: keyId });
  return true;
};

// console/src/keys-data.ts
var MAX_LISTED_KEYS = 1e3;
var loadKeys = async (app) => {
  const ids = [];
  for (let page = 1; ids.length < MAX_LISTED_KEYS; page++) {
    const r = await app.call("ListKeys", { PageNumber: String(page), PageSize: "100" });
    const keys = list(r, "Keys", "Key");
    ids.push(...keys.map((k) => k.KeyId));
    if (keys.length < 100 || ids.length >= Number(r["TotalCount"] ?? 0)) break;
  }
  const aliases = /* @__PURE__ */ new Map();
  for (let page = 1; ; page++) {
    const r = await app.call("ListAliases", { PageNumber: String(page), PageSize: "100" });
    const rows = list(r, "Aliases", "Alias");
    for (const a of rows) aliases.set(a.KeyId, [...aliases.get(a.KeyId) ?? [], a.AliasName]);
    if (rows.length < 100) break;
  }
  const metas = await Promise.all(ids.map((id) => app.call("DescribeKey", { KeyId: id })));
  return metas.map((r) => {
    const meta = r["KeyMetadata"];
    return { meta, aliases: aliases.get(meta["KeyId"]) ?? [] };
  });
};
var keyTags = async (app, keyId) => list(await app.call("ListResourceTags", { KeyId: keyId }), "Tags", "Tag");
var lastCallTime = async (app, keyId) => app.call("GetKeyLastCallTime", { KeyId: keyId });

// console/src/tags-dialog.ts
var editTagsDialog = async (app, keyId, current) => {
  const rows = h("div", { class: "tag-rows" });
  const addRow = (tag) => {
    const key = h("input", { name: "tagKey", value: tag?.TagKey ?? "", placeholder: t("tagKey"), ...tag ? { readonly: true } : {} });
    const value = h("input", { name: "tagValue", value: tag?.TagValue ?? "", placeholder: t("tagValue") });
    const unbind = h("input", { type: "checkbox", name: "unbind" });
    rows.appendChild(h(
      "div",
      { class: "tag-row", "data-tag-key": tag?.TagKey },
      key,
      value,
      tag ? h("label", {}, unbind, t("unbind")) : null
    ));
  };
  current.forEach((tag) => addRow(tag));
  addRow();
  const body = h("div", {}, rows, h("button", { type: "button", "data-test": "add-tag-row", onclick: () => addRow() }, t("addTagRow")));
  const r = await dialog(t("editTags"), body, async () => {
    const bind = [];
    const unbindKeys = [];
    for (const row of Array.from(rows.children)) {
      const [k, v] = Array.from(row.querySelectorAll("input[name=tagKey], input[name=tagValue]"));
      const un = row.querySelector("input[name=unbind]");
      const key = k.value.trim();
      if (!key) continue;
      const old = current.find((c) => c.TagKey === key);
      if (un?.checked) unbindKeys.push(key);
      else if (!old || old.TagValue !== v.value.trim()) bind.push(checkTag({ TagKey: key, TagValue: v.value.trim() }));
    }
    if (bind.length) await app.call("TagResource", { KeyId: keyId, Tags: JSON.stringify(bind) });
    if (unbindKeys.length) await app.call("UntagResource", { KeyId: keyId, TagKeys: JSON.stringify(unbindKeys) });
    return true;
  });
  return r === true;
};

// console/src/details-page.ts
var currentTab = "versions";
var detailsPage = async (app, root2, keyId) => {
  replace(root2, h("p", {}, t("loading")));
  let meta;
  let tags;
  let aliases;
  try {
    const [d, tg, al] = await Promise.all([
      app.call("DescribeKey", { KeyId: keyId }),
      keyTags(app, keyId),
      app.call("ListAliasesByKeyId", { KeyId: keyId, PageSize: "100" })
    ]);
    meta = d["KeyMetadata"];
    tags = tg;
    aliases = list(al, "Aliases", "Alias").map((a) => a.AliasName);
  } catch (err) {
    return replace(root2, h("div", {}, h("a", { href: "#/keys" }, t("backToList")), errorBox(err)));
  }
  const status = h("div", { class: "status" });
  const again = () => void detailsPage(app, root2, keyId);
  const run = async (f) => {
    try {
      if (await f()) again();
    } catch (err) {
      replace(status, errorBox(err));
    }
  };
  const state = meta["KeyState"];
  const protectedNow = meta["DeletionProtection"] === "Enabled";
  const protection = h("input", { type: "checkbox", name: "deletionProtection", checked: protectedNow, onchange: (e) => {
    const box = e.target;
    box.checked = protectedNow;
    void run(async () => {
      if (!protectedNow) {
        const text = h("input", { name: "protectionDescription", placeholder: t("protectionDescriptionHint") });
        const ok = await dialog(
          t("enableProtection"),
          h("div", {}, h("p", {}, t("confirmProtect")), field(t("protectionDescription"), text)),
          async () => {
            await app.call("SetDeletionProtection", { KeyId: keyId, EnableDeletionProtection: "true", DeletionProtectionDescription: text.value });
            return true;
          }
        );
        return ok === true;
      }
      await app.call("SetDeletionProtection", { KeyId: keyId, EnableDeletionProtection: "false" });
      return true;
    });
  } });
  const info = h("dl", { class: "meta" }, ...[
    ["keyId", meta["KeyId"]],
    ["alias", aliases.join(", ")],
    ["arn", meta["Arn"]],
    ["state", t(`state.${state}`)],
    ["spec", meta["KeySpec"]],
    ["usage", meta["KeyUsage"]],
    ["protection", meta["ProtectionLevel"]],
    ["instance", meta["DKMSInstanceId"] || t("defaultKey")],
    ["origin", meta["Origin"]],
    ["autoRotation", meta["AutomaticRotation"]],
    ["rotationPeriod", days(meta["RotationInterval"])],
    ["description", meta["Description"]],
    ["created", meta["CreationDate"]],
    ["deleteDate", meta["DeleteDate"] ?? ""],
    ["tags", tags.map((x) => `${x.TagKey}=${x.TagValue}`).join(", ")]
  ].flatMap(([k, v]) => [h("dt", {}, t(k)), h("dd", { "data-field": k }, v ?? "")]));
  const actions = h(
    "div",
    { class: "row-actions" },
    state === "Enabled" ? h("button", { "data-test": "disable", onclick: () => void run(() => disableKey(app, keyId)) }, t("disable")) : null,
    state === "Disabled" ? h("button", { "data-test": "enable", onclick: () => void run(() => enableKey(app, keyId)) }, t("enable")) : null,
    state === "PendingDeletion" ? h("button", { "data-test": "cancel-deletion", onclick: () => void run(() => cancelDeletion(app, keyId)) }, t("cancelDeletion")) : h("button", { "data-test": "schedule-deletion", onclick: () => void run(() => scheduleDeletion(app, keyId)) }, t("scheduleDeletion")),
    h("button", { "data-test": "edit-tags", onclick: () => void run(() => editTagsDialog(app, keyId, tags)) }, t("editTags"))
  );
  const panel = h("div", { class: "tab-panel" });
  const show = (tab) => {
    currentTab = tab;
    for (const b of Array.from(tabs.children)) b.setAttribute("aria-selected", String(b.getAttribute("data-tab") === tab));
    replace(panel, t("loading"));
    const render2 = tab === "versions" ? versionsTab : tab === "associations" ? associationsTab : historyTab;
    render2(app, meta).then((el) => replace(panel, el), (err) => replace(panel, errorBox(err)));
  };
  const tabs = h("div", { class: "tabs", role: "tablist" }, ...["versions", "associations", "history"].map((tab) => h("button", { role: "tab", "data-tab": tab, onclick: () => show(tab) }, t(`tab.${tab}`))));
  replace(root2, h(
    "section",
    { class: "details-page" },
    h("a", { href: "#/keys" }, t("backToList")),
    h("h1", {}, t("keyDetails"), " ", h("code", {}, keyId)),
    status,
    actions,
    info,
    h(
      "div",
      { class: "protection" },
      h("label", { class: "switch" }, protection, t("deletionProtection")),
      h("p", { class: "hint" }, t("deletionProtectionHint")),
      protectedNow && meta["DeletionProtectionDescription"] ? h("p", { "data-field": "protectionDescription" }, meta["DeletionProtectionDescription"]) : null
    ),
    tabs,
    panel
  ));
  show(currentTab);
};
var days = (interval) => {
  const seconds = Number(/^(\d+)s$/.exec(interval ?? "")?.[1] ?? NaN);
  return Number.isFinite(seconds) ? String(Math.round(seconds / 86400 * 100) / 100) : "";
};
var asymmetric = (meta) => !meta["KeySpec"].startsWith("Aliyun_");
var versionsTab = async (app, meta) => {
  const keyId = meta["KeyId"];
  const r = await app.call("ListKeyVersions", { KeyId: keyId, PageSize: "100" });
  const versions = list(r, "KeyVersions", "KeyVersion");
  const pem = h("pre", { class: "pem", "data-test": "public-key" });
  const publicKey = async (versionId) => String((await app.call("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId }))["PublicKey"]);
  const rows = versions.map((v) => h(
    "tr",
    { "data-version-id": v.KeyVersionId },
    h("td", {}, v.KeyVersionId),
    h("td", {}, v.CreationDate),
    h("td", {}, v.KeyVersionId === meta["PrimaryKeyVersion"] ? t("primary") : ""),
    h("td", {}, asymmetric(meta) ? h(
      "span",
      {},
      h("button", { "data-test": "view-public-key", onclick: () => void publicKey(v.KeyVersionId).then((p) => replace(pem, p), (e) => replace(pem, errorBox(e))) }, t("viewPublicKey")),
      h("button", { "data-test": "download-public-key", onclick: () => void publicKey(v.KeyVersionId).then((p) => download(`${keyId}-${v.KeyVersionId}.pem`, p, "application/x-pem-file"), (e) => replace(pem, errorBox(e))) }, t("downloadPublicKey"))
    ) : t("noPublicKey"))
  ));
  return h("div", {}, h("table", {}, h("thead", {}, h("tr", {}, ...["versionId", "created", "", "publicKey"].map((c) => h("th", {}, c ? t(c) : "")))), h("tbody", {}, ...rows)), pem);
};
var associationsTab = async (app, meta) => {
  const out = h("div", { "data-test": "associations" }, h("p", {}, t("associationsHint")));
  const detect = async () => {
    replace(out, t("detecting"));
    try {
      const r = await app.call("DescribeKeyAssociations", { KeyId: meta["KeyId"] });
      const products = list(r, "Products", "Product");
      replace(
        out,
        h("p", { "data-test": "association-status" }, t("status"), ": ", t(`assoc.${String(r["Status"])}`), " · ", t("lastCallTime"), ": ", str(r["LastCallTime"] || "—")),
        products.length === 0 ? h("p", {}, t("noAssociations")) : h(
          "table",
          {},
          h("thead", {}, h("tr", {}, ...["product", "resources", "lastCallTime", "calls"].map((c) => h("th", {}, t(c))))),
          h("tbody", {}, ...products.map((p) => h(
            "tr",
            { "data-service": p.Service },
            h("td", {}, p.Service || t("noService")),
            h("td", {}, (p.Resources?.Resource ?? []).map((x) => x.Resource).filter(Boolean).join(", ")),
            h("td", {}, p.LastCallTime || "—"),
            h("td", {}, String(p.Calls))
          )))
        )
      );
    } catch (err) {
      replace(out, errorBox(err));
    }
  };
  return h("div", {}, h(
    "div",
    { class: "buttons" },
    h("button", { class: "primary", "data-test": "detect", onclick: () => void detect() }, t("detect")),
    h("button", { "data-test": "refresh-associations", onclick: () => void detect() }, t("refresh"))
  ), out);
};
var historyTab = async (app, meta) => {
  const events = await loadHistory(app, meta["KeyId"]);
  const external = meta["Origin"] === "EXTERNAL";
  const at = h("div", { class: "state-at", "data-test": "state-at" });
  const slider = h("input", { type: "range", name: "historySlider", min: "0", max: String(Math.max(0, events.length - 1)), value: String(Math.max(0, events.length - 1)) });
  const rows = events.map((e, i) => h(
    "tr",
    { "data-index": String(i), "data-type": e.Type },
    h("td", {}, e.Time),
    h("td", {}, e.Type),
    h("td", {}, e.Principal),
    h("td", {}, e.SourceIp),
    h("td", { class: `outcome ${outcomeOf(e)}` }, outcomeOf(e) ? t(`outcome.${outcomeOf(e)}`) : ""),
    h("td", {}, e.Detail)
  ));
  const showAt = () => {
    const i = Number(slider.value);
    const e = events[i];
    const s = stateAt(events, i, external);
    rows.forEach((r, j) => r.classList.toggle("future", j > i));
    replace(at, e ? h(
      "span",
      {},
      t("asOf"),
      " ",
      h("time", {}, e.Time),
      ": ",
      t("state"),
      " ",
      h("strong", { "data-test": "state-at-value" }, t(`state.${s.state}`)),
      " · ",
      t("deletionProtection"),
      " ",
      s.deletionProtection ? t("on") : t("off"),
      " · ",
      t("tags"),
      " ",
      [...s.tags].map(([k, v]) => `${k}=${v}`).join(", ") || "—"
    ) : t("noHistory"));
  };
  slider.addEventListener("input", showAt);
  showAt();
  return h(
    "div",
    {},
    field(t("timeSlider"), slider),
    at,
    h("table", { class: "history" }, h("thead", {}, h("tr", {}, ...["time", "event", "who", "from", "outcome", "detail"].map((c) => h("th", {}, t(c))))), h("tbody", {}, ...rows))
  );
};

// console/src/create-key.ts
var SPECS = {
  default: ["Aliyun_AES_256", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K"],
  software: ["Aliyun_AES_256", "RSA_2048", "RSA_3072", "EC_P256", "EC_P256K"],
  hardware: ["Aliyun_AES_256", "Aliyun_AES_192", "Aliyun_AES_128", "Aliyun_SM4", "RSA_2048", "RSA_3072", "RSA_4096", "EC_P256", "EC_P256K", "EC_SM2"],
  external: ["Aliyun_AES_256", "Aliyun_SM4"]
};
var symmetric = (spec) => spec.startsWith("Aliyun_");
var usages = (kind, spec) => kind === "external" || symmetric(spec) ? ["ENCRYPT/DECRYPT"] : spec.startsWith("EC_P") ? ["SIGN/VERIFY"] : ["ENCRYPT/DECRYPT", "SIGN/VERIFY"];
var ADMIN_ACTIONS = [
  "kms:List*",
  "kms:Describe*",
  "kms:Create*",
  "kms:Enable*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Set*",
  "kms:Update*",
  "kms:Delete*",
  "kms:Cancel*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ImportKeyMaterial",
  "kms:ScheduleKeyDeletion"
];
var USER_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "kms:GenerateAndExportDataKey",
  "kms:AsymmetricEncrypt",
  "kms:AsymmetricDecrypt",
  "kms:DescribeKey",
  "kms:DescribeKeyVersion",
  "kms:ListKeyVersions",
  "kms:ListAliasesByKeyId",
  "kms:TagResource"
];
var customPolicy = (accountId, admins, users, others) => JSON.stringify({
  Version: "1",
  Statement: [
    { Sid: "Enable the root of the owning account", Effect: "Allow", Principal: { RAM: [`acs:ram::${accountId}:*`] }, Action: ["kms:*"], Resource: ["*"] },
    ...admins.length ? [{ Sid: "Key administrators", Effect: "Allow", Principal: { RAM: admins }, Action: ADMIN_ACTIONS, Resource: ["*"] }] : [],
    ...users.length + others.length ? [{ Sid: "Key users", Effect: "Allow", Principal: { RAM: [...users, ...others] }, Action: USER_ACTIONS, Resource: ["*"] }] : []
  ]
});
var createKeyPanel = (app, o) => {
  const kind = select("kind", ["default", "software", "hardware", "external"].map((k) => [k, t(`kind.${k}`)]), o.defaultInstance ? "software" : "default");
  const instance = h("input", { name: "instance", list: "known-instances", value: o.defaultInstance });
  const known = h("datalist", { id: "known-instances" }, ...o.instances.map((i) => h("option", { value: i })));
  const spec = select("spec", []);
  const usage = select("usage", []);
  const alias = h("input", { name: "alias", placeholder: "my-key" });
  const description = h("textarea", { name: "description", rows: "2" });
  const tags = h("textarea", { name: "tags", rows: "2", placeholder: "env=prod" });
  const rotation = h("input", { type: "checkbox", name: "rotation", checked: true });
  const period = h("input", { name: "rotationDays", type: "number", min: "7", max: "365", value: "365" });
  const externalKeyId = h("input", { name: "externalKeyId" });
  const policyMode = select("policy", [["default", t("policyDefault")], ["custom", t("policyCustom")]], "default");
  const admins = h("textarea", { name: "admins", rows: "2", placeholder: "acs:ram::<uid>:user/alice" });
  const users = h("textarea", { name: "users", rows: "2", placeholder: "acs:ram::<uid>:role/app" });
  const others = h("textarea", { name: "otherUsers", rows: "2", placeholder: "acs:ram::<other uid>:user/bob" });
  const origin = select("origin", [["Aliyun_KMS", t("originKms")], ["EXTERNAL", t("originExternal")]], "Aliyun_KMS");
  const ack = h("input", { type: "checkbox", name: "externalAck" });
  const instanceRow = field(t("instance"), h("span", {}, instance, known));
  const tagsRow = field(t("tags"), tags, t("tagsHint"));
  const rotationRows = h("div", {}, h("label", { class: "switch" }, rotation, t("autoRotation")), field(t("rotationPeriod"), period, t("rotationHint")));
  const externalRow = field(t("externalKeyId"), externalKeyId, t("externalKeyIdHint"));
  const policyRows = h(
    "div",
    { class: "policy" },
    field(t("administrators"), admins, t("administratorsHint")),
    field(t("users"), users, t("usersHint")),
    field(t("otherUsers"), others, t("otherUsersHint"))
  );
  const originRows = h("div", {}, field(t("origin"), origin), h("label", { class: "ack" }, ack, t("externalAck")));
  const refresh = () => {
    const k = kind.value;
    const keepSpec = spec.value;
    replace(spec, ...SPECS[k].map((s) => h("option", { value: s }, s)));
    if (SPECS[k].includes(keepSpec)) spec.value = keepSpec;
    const keepUsage = usage.value;
    replace(usage, ...usages(k, spec.value).map((u) => h("option", { value: u }, u)));
    if (usages(k, spec.value).includes(keepUsage)) usage.value = keepUsage;
    instanceRow.hidden = k === "default";
    tagsRow.hidden = k === "default";
    originRows.hidden = k === "external" || k === "software";
    rotationRows.hidden = !symmetric(spec.value) || k === "external" || !originRows.hidden && origin.value === "EXTERNAL";
    externalRow.hidden = k !== "external";
    policyRows.hidden = policyMode.value !== "custom";
    ack.parentElement.hidden = origin.value !== "EXTERNAL";
  };
  for (const c of [kind, spec, policyMode, origin]) c.addEventListener("change", refresh);
  refresh();
  const body = h(
    "div",
    { class: "create-key" },
    field(t("kind"), kind, t("kindHint")),
    instanceRow,
    field(t("spec"), spec),
    field(t("usage"), usage),
    field(t("alias"), alias, t("aliasHint")),
    field(t("description"), description),
    tagsRow,
    rotationRows,
    externalRow,
    field(t("policy"), policyMode),
    policyRows,
    originRows
  );
  return dialog(t("createKey"), body, async () => {
    const k = kind.value;
    const aliasName = alias.value.trim() ? checkAlias(alias.value.trim()) : void 0;
    const p = { KeySpec: spec.value, KeyUsage: usage.value };
    if (description.value) p["Description"] = description.value;
    if (k !== "default") p["DKMSInstanceId"] = instance.value.trim();
    if (k !== "default" && tags.value.trim()) p["Tags"] = JSON.stringify(parseTagLines(tags.value));
    if (!rotationRows.hidden) {
      p["EnableAutomaticRotation"] = String(rotation.checked);
      if (rotation.checked) p["RotationInterval"] = checkRotationDays(period.value);
    }
    if (k === "external") p["ExternalKeyId"] = externalKeyId.value.trim();
    else if (!originRows.hidden && origin.value === "EXTERNAL") {
      if (!ack.checked) throw new Error(t("externalAckRequired"));
      p["Origin"] = "EXTERNAL";
    }
    const policy = policyMode.value === "custom" ? { admins: checkPrincipals(admins.value, t("administrators")), users: checkPrincipals(users.value, t("users")), others: checkPrincipals(others.value, t("otherUsers")) } : void 0;
    const r = await app.call("CreateKey", p);
    const meta = r["KeyMetadata"];
    const keyId = String(meta["KeyId"]);
    if (aliasName) await app.call("CreateAlias", { KeyId: keyId, AliasName: aliasName });
    if (policy) {
      const accountId = String(meta["Arn"]).split(":")[3] ?? "";
      await app.call("SetKeyPolicy", { KeyId: keyId, PolicyName: "default", Policy: customPolicy(accountId, policy.admins, policy.users, policy.others) });
    }
    return keyId;
  }, t("create"));
};

// console/src/keys-page.ts
var PAGE_SIZE = 10;
var view = { tab: "instance", instance: "", state: "", spec: "", usage: "", search: "", page: 1 };
var keysPage = async (app, root2) => {
  const status = h("div", { class: "status" });
  replace(root2, h("p", {}, t("loading")));
  let keys;
  let region = "";
  let defaultInstance = "";
  try {
    const [regions, inst, loaded] = await Promise.all([app.call("DescribeRegions"), app.call("GetDefaultKmsInstance"), loadKeys(app)]);
    region = list(regions, "Regions", "Region")[0]?.RegionId ?? "";
    defaultInstance = str(inst["DefaultKmsInstanceId"] ?? "");
    keys = loaded;
  } catch (err) {
    return replace(root2, errorBox(err));
  }
  const instances = [...new Set([defaultInstance, ...keys.map((k) => k.meta["DKMSInstanceId"] ?? "")].filter(Boolean))].sort();
  if (!view.instance) view.instance = instances[0] ?? "";
  const again = () => void keysPage(app, root2);
  const run = async (f) => {
    try {
      if (await f()) again();
    } catch (err) {
      replace(status, errorBox(err));
    }
  };
  const matches = (k) => {
    const m = k.meta;
    const inTab = view.tab === "default" ? !m["DKMSInstanceId"] : m["DKMSInstanceId"] === view.instance;
    const q = view.search.trim().toLowerCase();
    return inTab && (!view.state || m["KeyState"] === view.state) && (!view.spec || m["KeySpec"] === view.spec) && (!view.usage || m["KeyUsage"] === view.usage) && (!q || [m["KeyId"], m["Description"], ...k.aliases].some((s) => (s ?? "").toLowerCase().includes(q)));
  };
  const shown = keys.filter(matches);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  view.page = Math.min(view.page, pages);
  const pageRows = shown.slice((view.page - 1) * PAGE_SIZE, view.page * PAGE_SIZE);
  const set = (patch) => {
    Object.assign(view, { page: 1 }, patch);
    again();
  };
  const selected = /* @__PURE__ */ new Set();
  const tbody = h("tbody");
  for (const k of pageRows) tbody.appendChild(keyRow(app, k, selected, run));
  const specs = [...new Set(keys.map((k) => k.meta["KeySpec"]))].sort();
  const toolbar = h(
    "div",
    { class: "toolbar" },
    field(t("region"), select("region", [[region, region]], region)),
    view.tab === "instance" ? field(t("instance"), h(
      "span",
      {},
      h("input", { name: "instance", list: "instance-ids", value: view.instance, placeholder: "kst-…", onchange: (e) => set({ instance: e.target.value.trim() }) }),
      h("datalist", { id: "instance-ids" }, ...instances.map((i) => h("option", { value: i })))
    )) : null,
    field(t("state"), select("state", [["", t("all")], ...["Enabled", "Disabled", "PendingDeletion", "PendingImport"].map((s) => [s, t(`state.${s}`)])], view.state, (v) => set({ state: v }))),
    field(t("spec"), select("spec", [["", t("all")], ...specs.map((s) => [s, s])], view.spec, (v) => set({ spec: v }))),
    field(t("usage"), select("usage", [["", t("all")], ["ENCRYPT/DECRYPT", "ENCRYPT/DECRYPT"], ["SIGN/VERIFY", "SIGN/VERIFY"]], view.usage, (v) => set({ usage: v }))),
    field(t("search"), h("input", {
      name: "search",
      type: "search",
      value: view.search,
      placeholder: t("searchHint"),
      onchange: (e) => set({ search: e.target.value })
    })),
    h("button", { class: "primary", "data-test": "create-key", onclick: () => void createKeyPanel(app, { instances, defaultInstance }).then((id) => {
      if (id) again();
    }) }, t("createKey"))
  );
  const tabs = h(
    "div",
    { class: "tabs", role: "tablist" },
    ...["default", "instance"].map((tab) => h("button", {
      role: "tab",
      "aria-selected": String(view.tab === tab),
      "data-tab": tab,
      onclick: () => set({ tab })
    }, t(tab === "default" ? "tabDefaultKeys" : "tabUserKeys")))
  );
  const batch = h(
    "div",
    { class: "batch" },
    h("button", { "data-test": "batch-add-tags", onclick: () => void run(() => batchTags(app, [...selected], "add")) }, t("batchAddTags")),
    h("button", { "data-test": "batch-remove-tags", onclick: () => void run(() => batchTags(app, [...selected], "remove")) }, t("batchRemoveTags"))
  );
  const pager = h(
    "div",
    { class: "pager" },
    h("button", { "data-test": "prev-page", disabled: view.page <= 1, onclick: () => {
      view.page--;
      again();
    } }, "‹"),
    h("span", { "data-test": "page-info" }, t("pageOf", String(view.page), String(pages), String(shown.length))),
    h("button", { "data-test": "next-page", disabled: view.page >= pages, onclick: () => {
      view.page++;
      again();
    } }, "›")
  );
  replace(root2, h(
    "section",
    { class: "keys-page" },
    h("h1", {}, t("keyManagement")),
    tabs,
    toolbar,
    status,
    h(
      "table",
      { class: "keys" },
      h("thead", {}, h("tr", {}, h("th", {}, ""), ...["keyId", "alias", "spec", "usage", "state", "protection", "tags", "lastCallTime", "actions"].map((c) => h("th", {}, t(c))))),
      tbody
    ),
    pageRows.length === 0 ? h("p", { class: "empty" }, t("noKeys")) : null,
    batch,
    pager
  ));
  for (const k of pageRows) void fillRow(app, tbody, k.meta["KeyId"]);
};
var keyRow = (app, k, selected, run) => {
  const m = k.meta;
  const id = m["KeyId"];
  const state = m["KeyState"];
  const more = h(
    "details",
    { class: "more" },
    h("summary", { "data-test": "more" }, "⋯"),
    state === "PendingDeletion" ? h("button", { "data-test": "cancel-deletion", onclick: () => void run(() => cancelDeletion(app, id)) }, t("cancelDeletion")) : h("button", { "data-test": "schedule-deletion", onclick: () => void run(() => scheduleDeletion(app, id)) }, t("scheduleDeletion"))
  );
  return h(
    "tr",
    { "data-key-id": id, "data-state": state },
    h("td", {}, h("input", { type: "checkbox", name: "select", "aria-label": id, onchange: (e) => {
      if (e.target.checked) selected.add(id);
      else selected.delete(id);
    } })),
    h("td", {}, h("a", { href: `#/keys/${encodeURIComponent(id)}`, "data-test": "details" }, id)),
    h("td", { class: "alias" }, k.aliases.join(", ")),
    h("td", {}, m["KeySpec"]),
    h("td", {}, m["KeyUsage"]),
    h("td", { class: "state" }, t(`state.${state}`)),
    h("td", {}, m["ProtectionLevel"]),
    h("td", { class: "tags" }, h("button", { class: "icon", "data-test": "edit-tags", title: t("editTags"), onclick: () => void run(async () => editTagsDialog(app, id, await keyTags(app, id))) }, t("edit")), h("span", { class: "tag-list" })),
    h("td", { class: "last-call" }, ""),
    h(
      "td",
      { class: "row-actions" },
      state === "Enabled" ? h("button", { "data-test": "disable", onclick: () => void run(() => disableKey(app, id)) }, t("disable")) : null,
      state === "Disabled" ? h("button", { "data-test": "enable", onclick: () => void run(() => enableKey(app, id)) }, t("enable")) : null,
      h("a", { href: `#/keys/${encodeURIComponent(id)}` }, t("details")),
      more
    )
  );
};
var fillRow = async (app, tbody, keyId) => {
  const row = tbody.querySelector(`tr[data-key-id="${CSS.escape(keyId)}"]`);
  if (!row) return;
  try {
    const [tags, last] = await Promise.all([keyTags(app, keyId), lastCallTime(app, keyId)]);
    replace(row.querySelector(".tag-list"), tags.map((x) => x.TagValue ? `${x.TagKey}=${x.TagValue}` : x.TagKey).join(", "));
    replace(row.querySelector(".last-call"), str(last["LastCallTime"] || "—"));
  } catch (err) {
    replace(row.querySelector(".last-call"), errorBox(err));
  }
};
var batchTags = async (app, keyIds, mode) => {
  if (keyIds.length === 0) throw new Error(t("selectKeysFirst"));
  const text = h("textarea", { name: "batchTags", rows: "4", placeholder: mode === "add" ? "env=prod" : "env" });
  const r = await dialog(
    t(mode === "add" ? "batchAddTags" : "batchRemoveTags"),
    h("div", {}, h("p", {}, t("batchTagsOn", String(keyIds.length))), field(t(mode === "add" ? "tagLines" : "tagKeyLines"), text)),
    async () => {
      const tags = parseTagLines(text.value);
      for (const id of keyIds) {
        if (mode === "add") await app.call("TagResource", { KeyId: id, Tags: JSON.stringify(tags) });
        else await app.call("UntagResource", { KeyId: id, TagKeys: JSON.stringify(tags.map((x) => x.TagKey)) });
      }
      return true;
    }
  );
  return r === true;
};

// console/src/session.ts
var KEY = "keyledger.credentials";
var loadCredentials = () => {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return void 0;
  try {
    const c = JSON.parse(raw);
    return typeof c.accessKeyId === "string" && typeof c.secret === "string" ? { accessKeyId: c.accessKeyId, secret: c.secret } : void 0;
  } catch {
    return void 0;
  }
};
var saveCredentials = (c) => sessionStorage.setItem(KEY, JSON.stringify(c));
var clearCredentials = () => sessionStorage.removeItem(KEY);

// console/src/signin.ts
var signInPage = (root2, signedIn) => {
  const id = h("input", { name: "accessKeyId", autocomplete: "username", required: true });
  const secret = h("input", { name: "accessKeySecret", type: "password", autocomplete: "current-password", required: true });
  const status = h("div", { class: "status" });
  const form = h(
    "form",
    { class: "signin", onsubmit: (e) => void (async () => {
      e.preventDefault();
      const c = { accessKeyId: id.value.trim(), secret: secret.value };
      replace(status, t("signingIn"));
      try {
        await callApi(c, "DescribeRegions");
        saveCredentials(c);
        signedIn(c);
      } catch (err) {
        replace(status, errorBox(err));
      }
    })() },
    h("h1", {}, t("signInTitle")),
    h("p", {}, t("signInHint")),
    field(t("accessKeyId"), id),
    field(t("accessKeySecret"), secret),
    h("button", { class: "primary", type: "submit" }, t("signIn")),
    status
  );
  replace(root2, form);
};

// console/src/main.ts
var root = document.getElementById("app");
var header = (app) => {
  const lang = h(
    "select",
    { name: "language", "aria-label": "Language", onchange: () => {
      setLanguage(lang.value);
      render();
    } },
    h("option", { value: "en" }, "English"),
    h("option", { value: "zh-CN" }, "简体中文")
  );
  lang.value = getLanguage();
  return h(
    "header",
    {},
    h("strong", { class: "brand" }, "keyledger"),
    app ? h("nav", {}, h("a", { href: "#/keys" }, t("keyManagement")), h("a", { href: "#/compliance" }, t("compliance"))) : null,
    h("span", { class: "spacer" }),
    lang,
    app ? h("span", { class: "who" }, app.credentials.accessKeyId) : null,
    app ? h("button", { "data-test": "sign-out", onclick: () => {
      clearCredentials();
      render();
    } }, t("signOut")) : null
  );
};
var render = () => {
  for (const open of Array.from(document.querySelectorAll(".overlay"))) open.remove();
  document.documentElement.lang = getLanguage();
  document.title = `keyledger · ${t("console")}`;
  const credentials = loadCredentials();
  const main = h("main");
  if (!credentials) {
    replace(root, header(void 0), main);
    return signInPage(main, () => {
      if (!location.hash) location.hash = "#/keys";
      render();
    });
  }
  const app = makeApp(credentials, render);
  replace(root, header(app), main);
  const route = location.hash.replace(/^#/, "") || "/keys";
  const details = /^\/keys\/(.+)$/.exec(route);
  if (details) void detailsPage(app, main, decodeURIComponent(details[1]));
  else if (route === "/compliance") compliancePage(app, main);
  else void keysPage(app, main);
};
window.addEventListener("hashchange", render);
render();
