#include "unit_test.hpp"

UNIT_TEST_MAIN()
