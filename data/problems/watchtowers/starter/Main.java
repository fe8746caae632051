import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        st.nextToken();
        int n = (int) st.nval;
        long[] c = new long[n + 1];
        for (int i = 1; i <= n; i++) {
            st.nextToken();
            c[i] = (long) st.nval;
        }
        int[] u = new int[n], v = new int[n];
        for (int i = 0; i < n - 1; i++) {
            st.nextToken();
            u[i] = (int) st.nval;
            st.nextToken();
            v[i] = (int) st.nval;
        }
        // TODO: choose the cheapest set of towers that watches every clearing
        System.out.println(0);
    }
}
