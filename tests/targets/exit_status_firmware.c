/* Ends with status 3 after printing a line: the target test checks that both reach the host, so a
 * failing firmware test really fails ctest. */
#include <stdio.h>

int main(void) {
  puts("exit status firmware: returning 3");
  return 3;
}
