import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer in = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        in.nextToken();
        int n = (int) in.nval;
        int[] d = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            in.nextToken();
            d[i] = (int) in.nval;
        }
        // TODO: follow the lantern and print the number of passes, LOST or FOREVER
        System.out.println(0);
    }
}
