// Sprig's key and certificate functions over OpenSSL: genPrivateKey (rsa 4096, dsa 2048/256,
// ecdsa P-256, ed25519, PEM in Go's block types), genCA/genSelfSignedCert/genSignedCert and their
// *WithKey forms (x509 v3 like Go's CreateCertificate: random 128-bit serial, CN subject, SANs,
// key usages, SHA-256 signatures), and buildCustomCert. Results are sprig.certificate {Cert, Key}.
#include <arpa/inet.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

#include "render/helm/go_format.h"
#include "render/helm/sprig_convert.h"
#include "render/helm/sprig_digest.h"
#include "render/helm/sprig_groups.h"

namespace gitops::render::helm {
namespace {

using gotemplate::FuncMap;
using gotemplate::Param;
using gotemplate::Value;
using Args = std::span<const Value>;
using R = core::Result<Value>;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using EncoderCtx = std::unique_ptr<OSSL_ENCODER_CTX, Deleter<OSSL_ENCODER_CTX, OSSL_ENCODER_CTX_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

// sprig's certificate struct as templates see it.
class Certificate : public gotemplate::Object {
 public:
  Certificate(std::string cert, std::string key) : m_cert(std::move(cert)), m_key(std::move(key)) {}
  std::string type_name() const override { return "sprig.certificate"; }
  std::optional<Value> field(std::string_view name) const override {
    if (name == "Cert") return Value::string(m_cert);
    if (name == "Key") return Value::string(m_key);
    return std::nullopt;
  }
  std::string format() const override { return "{" + m_cert + " " + m_key + "}"; }
  const std::string& cert() const { return m_cert; }
  const std::string& key() const { return m_key; }

 private:
  std::string m_cert, m_key;
};

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Pkey generate(const char* type, int bits) {
  if (std::string_view(type) == "DSA") {
    PkeyCtx pctx(EVP_PKEY_CTX_new_from_name(nullptr, "DSA", nullptr));
    EVP_PKEY* params = nullptr;
    if (EVP_PKEY_paramgen_init(pctx.get()) <= 0 || EVP_PKEY_CTX_set_dsa_paramgen_bits(pctx.get(), 2048) <= 0 ||
        EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pctx.get(), 256) <= 0 || EVP_PKEY_paramgen(pctx.get(), &params) <= 0) {
      return nullptr;
    }
    Pkey param_key(params);
    PkeyCtx kctx(EVP_PKEY_CTX_new_from_pkey(nullptr, param_key.get(), nullptr));
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_keygen_init(kctx.get()) <= 0 || EVP_PKEY_keygen(kctx.get(), &key) <= 0) return nullptr;
    return Pkey(key);
  }
  if (std::string_view(type) == "RSA") return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
  if (std::string_view(type) == "EC") return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  return Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
}

// The PEM Go writes for a private key: PKCS#1/SEC1/DSA blocks, PKCS#8 for ed25519.
std::string key_pem(EVP_PKEY* key) {
  bool pkcs8 = EVP_PKEY_is_a(key, "ED25519");
  EncoderCtx ctx(OSSL_ENCODER_CTX_new_for_pkey(key, OSSL_KEYMGMT_SELECT_KEYPAIR | OSSL_KEYMGMT_SELECT_ALL_PARAMETERS,
                                               "PEM", pkcs8 ? "PrivateKeyInfo" : "type-specific", nullptr));
  Bio bio(BIO_new(BIO_s_mem()));
  if (!ctx || OSSL_ENCODER_to_bio(ctx.get(), bio.get()) != 1) return "";
  return bio_text(bio.get());
}

core::Result<Pkey> parse_key(const std::string& pem) {
  if (pem.find("-----BEGIN") == std::string::npos) return go_error("no PEM data in input");
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return go_error("no private key data in PEM block");
  return Pkey(key);
}

core::Result<X509Ptr> parse_cert(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
  if (cert == nullptr) return go_error("unable to decode certificate");
  return X509Ptr(cert);
}

struct Template {
  std::string cn;
  std::vector<std::string> ips, dns;
  std::int64_t days = 0;
  bool is_ca = false;
};

core::Result<std::vector<std::string>> string_items(const Value& list, const std::string& what) {
  std::vector<std::string> out;
  if (list.is_nil()) return out;
  for (const auto& item : list.as_list()) {
    if (!item.is_string()) return go_error(what + ": " + format_value(item) + " is not a string");
    out.push_back(item.as_string());
  }
  return out;
}

bool add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) return false;
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return true;
}

core::Result<Value> make_cert(const Template& t, EVP_PKEY* key, X509* parent, EVP_PKEY* signer) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  Bignum serial(BN_new());
  BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get()));
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!t.cn.empty()) {
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(t.cn.c_str()), -1, -1, 0);
  }
  X509_set_issuer_name(cert.get(), parent ? X509_get_subject_name(parent) : name);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), static_cast<int>(t.days), 0, nullptr);
  X509_set_pubkey(cert.get(), key);
  X509* issuer = parent ? parent : cert.get();
  add_ext(cert.get(), issuer, NID_key_usage,
          t.is_ca ? "critical,digitalSignature,keyEncipherment,keyCertSign" : "critical,digitalSignature,keyEncipherment");
  if (!t.is_ca) add_ext(cert.get(), issuer, NID_ext_key_usage, "serverAuth,clientAuth");
  add_ext(cert.get(), issuer, NID_basic_constraints, t.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  if (t.is_ca) add_ext(cert.get(), issuer, NID_subject_key_identifier, "hash");
  if (parent) add_ext(cert.get(), issuer, NID_authority_key_identifier, "keyid");
  std::string san;
  for (const auto& d : t.dns) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
  for (const auto& ip : t.ips) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  if (!san.empty()) add_ext(cert.get(), issuer, NID_subject_alt_name, san);
  const EVP_MD* md = EVP_PKEY_is_a(signer, "ED25519") ? nullptr : EVP_sha256();
  if (X509_sign(cert.get(), signer, md) <= 0) return go_error("error creating certificate: signing failed");
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert.get());
  return Value::object(std::make_shared<Certificate>(bio_text(bio.get()), key_pem(key)));
}

core::Result<Template> base_template(const std::string& cn, const Value& ips, const Value& dns, std::int64_t days) {
  Template t{cn, {}, {}, days, false};
  auto ip_list = string_items(ips, "error parsing ip");
  if (!ip_list.ok()) return ip_list.error();
  for (const auto& ip : *ip_list) {
    unsigned char buf[16];
    if (inet_pton(AF_INET, ip.c_str(), buf) != 1 && inet_pton(AF_INET6, ip.c_str(), buf) != 1) {
      return go_error("error parsing ip: " + ip);
    }
  }
  auto dns_list = string_items(dns, "error processing alternate dns name");
  if (!dns_list.ok()) return dns_list.error();
  t.ips = *ip_list;
  t.dns = *dns_list;
  return t;
}

core::Result<const Certificate*> certificate_arg(const Value& v) {
  if (v.kind() == gotemplate::Kind::object) {
    if (auto* c = dynamic_cast<const Certificate*>(&v.as_object())) return c;
  }
  return go_error("wrong type for value; expected sprig.certificate; got " + v.type_name());
}

core::Result<Pkey> key_arg(const Value* pem) {
  if (pem == nullptr) {
    Pkey key = generate("RSA", 2048);
    if (!key) return go_error("error generating rsa key");
    return key;
  }
  auto key = parse_key(pem->as_string());
  if (!key.ok()) return go_error("parsing private key: " + key.error().message);
  return key;
}

R gen_ca(Args a, const Value* pem) {
  auto key = key_arg(pem);
  if (!key.ok()) return key.error();
  Template t{a[0].as_string(), {}, {}, a[1].as_int(), true};
  return make_cert(t, key->get(), nullptr, key->get());
}

R gen_self_signed(Args a, const Value* pem) {
  auto t = base_template(a[0].as_string(), a[1], a[2], a[3].as_int());
  if (!t.ok()) return t.error();
  auto key = key_arg(pem);
  if (!key.ok()) return key.error();
  return make_cert(*t, key->get(), nullptr, key->get());
}

R gen_signed(Args a, const Value* pem) {
  auto ca = certificate_arg(a[4]);
  if (!ca.ok()) return ca.error();
  auto key = key_arg(pem);
  if (!key.ok()) return key.error();
  auto ca_cert = parse_cert((*ca)->cert());
  if (!ca_cert.ok()) return ca_cert.error();
  auto ca_key = parse_key((*ca)->key());
  if (!ca_key.ok()) return go_error("error parsing private key: " + ca_key.error().message);
  auto t = base_template(a[0].as_string(), a[1], a[2], a[3].as_int());
  if (!t.ok()) return t.error();
  return make_cert(*t, key->get(), ca_cert->get(), ca_key->get());
}

R build_custom(Args a) {
  auto cert = base64_decode(a[0].as_string());
  if (!cert.ok()) return go_error("unable to decode base64 certificate");
  auto key = base64_decode(a[1].as_string());
  if (!key.ok()) return go_error("unable to decode base64 private key");
  if (auto c = parse_cert(*cert); !c.ok()) return c.error();
  if (auto k = parse_key(*key); !k.ok()) return go_error("error parsing private key: " + k.error().message);
  return Value::object(std::make_shared<Certificate>(*cert, *key));
}

std::string gen_private_key(const std::string& type) {
  Pkey key;
  if (type.empty() || type == "rsa") key = generate("RSA", 4096);
  else if (type == "dsa") key = generate("DSA", 2048);
  else if (type == "ecdsa") key = generate("EC", 256);
  else if (type == "ed25519") key = generate("ED25519", 0);
  else return "Unknown type " + type;
  if (!key) return "failed to generate private key: key generation failed";
  return key_pem(key.get());
}

}  // namespace

void add_sprig_cert_functions(FuncMap& f) {
  const auto S = Param::string;
  const auto I = Param::integer;
  const auto L = Param::list;
  const auto A = Param::any;
  f.add("genPrivateKey", sig({S}), [](Args a) -> R { return Value::string(gen_private_key(a[0].as_string())); });
  f.add("genCA", sig({S, I}), [](Args a) -> R { return gen_ca(a, nullptr); });
  f.add("genCAWithKey", sig({S, I, S}), [](Args a) -> R { return gen_ca(a, &a[2]); });
  f.add("genSelfSignedCert", sig({S, L, L, I}), [](Args a) -> R { return gen_self_signed(a, nullptr); });
  f.add("genSelfSignedCertWithKey", sig({S, L, L, I, S}), [](Args a) -> R { return gen_self_signed(a, &a[4]); });
  f.add("genSignedCert", sig({S, L, L, I, A}), [](Args a) -> R { return gen_signed(a, nullptr); });
  f.add("genSignedCertWithKey", sig({S, L, L, I, A, S}), [](Args a) -> R { return gen_signed(a, &a[5]); });
  f.add("buildCustomCert", sig({S, S}), build_custom);
}

}  // namespace gitops::render::helm
