#include "agent/shard.h"

#include <gtest/gtest.h>

namespace gitops::agent {
namespace {

TEST(Shard, ParsesNOverM) {
  auto shard = parse_shard("2/3");
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard->index, 2);
  EXPECT_EQ(shard->count, 3);
  for (const char* bad : {"3/3", "-1/3", "1/0", "1", "a/b", "1/2/3", "1 /2", ""}) {
    auto r = parse_shard(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().message,
              std::string("invalid --shard \"") + bad + "\": use N/M with 0 <= N < M, such as 0/3");
  }
}

TEST(Shard, HashIsFnv1aOfNamespaceSlashName) {
  // FNV-1a 64 of "a/b", computed independently.
  EXPECT_EQ(app_hash("a", "b"), 0xe620c3190468cf61ull);
}

TEST(Shard, EveryAppHasExactlyOneShard) {
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 300; ++i) {
    std::string name = "app-" + std::to_string(i);
    int owners = 0;
    for (int n = 0; n < 3; ++n) {
      if (in_shard({n, 3}, "shop", name)) {
        ++owners;
        ++counts[n];
      }
    }
    EXPECT_EQ(owners, 1) << name;
  }
  for (int n : counts) EXPECT_GT(n, 50);  // roughly even
  EXPECT_TRUE(in_shard({0, 1}, "any", "app"));
}

}  // namespace
}  // namespace gitops::agent
