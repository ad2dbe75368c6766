#include "ember/export/json_model.hpp"

#include <gtest/gtest.h>

#include "golden_model.hpp"

TEST(JsonModel, RoundTripsAModelSpec) {
  const auto spec = golden::model();
  const auto back = ember::exporters::model_spec_from_json(ember::exporters::model_spec_to_json(spec));
  ASSERT_EQ(back.layers.size(), spec.layers.size());
  for (std::size_t k = 0; k < spec.layers.size(); ++k) {
    EXPECT_EQ(back.layers[k].weights, spec.layers[k].weights);
    EXPECT_EQ(back.layers[k].activation, spec.layers[k].activation);
  }
  EXPECT_EQ(back.input_mean, spec.input_mean);
}

TEST(JsonModel, NamesWhatIsWrong) {
  auto message = [](const std::string& json) {
    try {
      ember::exporters::model_spec_from_json(json);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("{").find("malformed JSON"), std::string::npos);
  EXPECT_NE(message("{}").find("\"layers\""), std::string::npos);
  EXPECT_NE(message(R"({"layers":[{"activation":"gelu","weights":[[1]]}]})").find("gelu"), std::string::npos);
  EXPECT_NE(message(R"({"layers":[{"weights":[[1,2],[3]]}]})").find("rows differ"), std::string::npos);
  EXPECT_NE(message(R"({"layers":[{"weights":[[1,2]]},{"weights":[[1,2,3]]}]})").find("layer 1 takes 3"),
            std::string::npos);
  EXPECT_NE(message(R"({"layers":[{"weights":[]}]})").find("has 0 rows"), std::string::npos);
}

TEST(JsonModel, RefusesAWidthPastSixteenBitsInsteadOfWrappingIt) {
  // 65,537 rows of one weight used to narrow to a width of 1 and fail later with a misleading count.
  std::string rows;
  for (int i = 0; i < 65537; ++i) rows += i ? ",[0]" : "[0]";
  try {
    ember::exporters::model_spec_from_json("{\"layers\":[{\"weights\":[" + rows + "]}]}");
    FAIL() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("65537 rows; a layer has 1 to 65535 neurons"), std::string::npos) << e.what();
  }
}
